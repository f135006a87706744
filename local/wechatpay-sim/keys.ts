/**
 * Development and test credentials for the simulator. Real keys never live here: these are
 * generated locally, paired (merchant key ↔ simulator, platform key ↔ client), and kept in
 * the git-ignored data directory so restarts keep accepting old prepay ids and notifications.
 */
import { createPublicKey, generateKeyPairSync, randomInt } from 'crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs'
import { join } from 'path'
import forge from 'node-forge'
import { payConfigFromEnv, payConfigToEnv, readPem } from '../../server/wechatpay/config'
import type { PayConfig } from '../../server/wechatpay/types'
import type { SimulatorOptions } from './simulator'

export interface PayKeys {
  mchid: string
  appid: string
  merchantSerial: string
  merchantPrivateKey: string
  merchantPublicKey: string
  platformPrivateKey: string
  platformPublicKey: string
  platformPublicKeyId: string
  /** a platform certificate (平台证书) on its own key pair, for merchants not (yet) on the public key */
  platformCertPrivateKey: string
  platformCertificate: string
  platformCertSerial: string
  apiv3Key: string
}

/**
 * Which of WeChat Pay's keys a merchant verifies with: the public key (new merchants), platform
 * certificates (older merchants), or both (the week of a switch).
 */
export type KeyMode = 'publicKey' | 'certificate' | 'migrating'

export type DevPayConfig = PayConfig & {
  merchantPublicKey: string
  keyMode: KeyMode
  /** what the simulator signs with (both keys, whatever the merchant side uses) */
  signing: Pick<SimulatorOptions, 'platformPrivateKey' | 'platformPublicKeyId' | 'platformCertificate'>
}

export const DEV_MCHID = '1900000109'
export const DEV_APPID = 'wx8888888888888888'
const FILE = 'wechatpay-dev.json'
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

function pick(alphabet: string, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)]
  return s
}

function rsaPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
  })
}

/**
 * A self-signed stand-in for a WeChat Pay platform certificate (WeChat's are issued by Tenpay's
 * CA; the client only uses the key inside and the serial). 40 hex digits like WeChat's, with a
 * leading digit below 8 so the serial prints without a sign byte.
 */
export function platformCertificate(keys: { privateKey: string; publicKey: string }, mchid = DEV_MCHID): { pem: string; serial: string } {
  const serial = `${pick('1234567', 1)}${pick('0123456789ABCDEF', 39)}`
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey)
  cert.serialNumber = serial
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000)
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600_000)
  cert.setSubject([{ name: 'commonName', value: mchid }, { name: 'organizationName', value: 'Tenpay.com' }])
  cert.setIssuer([{ name: 'commonName', value: 'chuzhi simulator CA' }])
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create())
  // forge writes CRLF; PEM files WeChat hands out use LF
  return { pem: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), serial }
}

function certificateKeys(mchid: string): Pick<PayKeys, 'platformCertPrivateKey' | 'platformCertificate' | 'platformCertSerial'> {
  const pair = rsaPair()
  const cert = platformCertificate(pair, mchid)
  return { platformCertPrivateKey: pair.privateKey, platformCertificate: cert.pem, platformCertSerial: cert.serial }
}

/** Fresh merchant and platform key pairs plus ids shaped like WeChat's. */
export function generatePayKeys(): PayKeys {
  const merchant = rsaPair()
  const platform = rsaPair()
  return {
    ...certificateKeys(DEV_MCHID),
    mchid: DEV_MCHID,
    appid: DEV_APPID,
    merchantSerial: pick('0123456789ABCDEF', 40),
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
    platformPublicKeyId: `PUB_KEY_ID_01${pick('0123456789', 26)}`,
    apiv3Key: pick(ALNUM, 32)
  }
}

let cached: PayKeys | undefined

/** Same keys for the whole process (RSA key generation is slow). Treat as read-only. */
export function generateTestPayKeys(): PayKeys {
  cached ??= generatePayKeys()
  return cached
}

/** The simulator half of a key set (it can sign with the public key and with the certificate). */
export function simulatorKeys(
  k: PayKeys,
  keyMode: KeyMode = 'publicKey'
): Pick<
  SimulatorOptions,
  'mchid' | 'appid' | 'merchantSerial' | 'merchantPublicKey' | 'platformPrivateKey' | 'platformPublicKeyId' | 'platformCertificate' | 'apiv3Key' | 'keyMode'
> {
  const { mchid, appid, merchantSerial, merchantPublicKey, platformPrivateKey, platformPublicKeyId, apiv3Key } = k
  return {
    mchid,
    appid,
    merchantSerial,
    merchantPublicKey,
    platformPrivateKey,
    platformPublicKeyId,
    platformCertificate: { serial: k.platformCertSerial, privateKey: k.platformCertPrivateKey },
    apiv3Key,
    keyMode
  }
}

/** What a merchant in `mode` configures: the public key and its id, the certificate, or both. */
export function platformKeysFor(k: PayKeys, mode: KeyMode): Pick<PayConfig, 'platformKeys' | 'publicKeyId'> {
  const publicKey = mode !== 'certificate' ? { [k.platformPublicKeyId]: k.platformPublicKey } : {}
  const certificate = mode !== 'publicKey' ? { [k.platformCertSerial]: k.platformCertificate } : {}
  return { platformKeys: { ...certificate, ...publicKey }, publicKeyId: mode === 'certificate' ? null : k.platformPublicKeyId }
}

/** The client half of a key set. */
export function payConfigFor(k: PayKeys, baseURL: string, notifyUrl: string, mode: KeyMode = 'publicKey'): PayConfig {
  const { mchid, appid, merchantSerial, merchantPrivateKey, apiv3Key } = k
  return { mchid, appid, merchantSerial, merchantPrivateKey, apiv3Key, ...platformKeysFor(k, mode), baseURL, notifyUrl }
}

const KEY_MODES: readonly KeyMode[] = ['publicKey', 'certificate', 'migrating']

/**
 * Loads `<dataDir>/wechatpay-dev.json`, generating it on first use (and adding the platform
 * certificate to a file written before it existed). WECHATPAY_* variables override stored values
 * and are read by the same parser as in the cloud (payConfigFromEnv); WECHATPAY_SIM_KEY_MODE
 * picks which of WeChat Pay's keys the merchant side uses: publicKey (default), certificate or
 * migrating (both, as during a switch). Overriding WeChat Pay's keys only makes sense together
 * with a real WECHATPAY_BASE_URL: the simulator can only sign with the private keys stored here.
 */
export function ensureDevPayConfig(
  dataDir: string,
  notifyUrl: string,
  baseURL: string,
  env: Record<string, string | undefined> = process.env
): DevPayConfig {
  const file = join(dataDir, FILE)
  let keys: PayKeys
  if (existsSync(file)) {
    keys = JSON.parse(readFileSync(file, 'utf8')) as PayKeys
    if (!keys.platformCertificate) {
      keys = { ...keys, ...certificateKeys(keys.mchid) }
      writeKeys(file, keys)
    }
  } else {
    keys = generatePayKeys()
    mkdirSync(dataDir, { recursive: true })
    writeKeys(file, keys)
  }
  const keyMode = (env.WECHATPAY_SIM_KEY_MODE?.trim() || 'publicKey') as KeyMode
  if (!KEY_MODES.includes(keyMode)) throw new Error(`WECHATPAY_SIM_KEY_MODE must be one of ${KEY_MODES.join(', ')}`)
  const stored = payConfigToEnv(payConfigFor(keys, baseURL, notifyUrl, keyMode))
  const given = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('WECHATPAY_') && v?.trim()))
  // WeChat Pay's side comes from the environment as a whole or not at all (a stored certificate
  // must not linger next to a real public key)
  const platformVars = ['WECHATPAY_PLATFORM_PUBLIC_KEY', 'WECHATPAY_PLATFORM_PUBLIC_KEY_ID', 'WECHATPAY_PLATFORM_CERTIFICATES']
  if (platformVars.some((k) => k in given)) for (const k of platformVars) delete stored[k]
  const cfg = payConfigFromEnv({ ...stored, ...given })
  const merchantPrivateKey = cfg.merchantPrivateKey
  return {
    ...cfg,
    merchantPublicKey:
      merchantPrivateKey === keys.merchantPrivateKey
        ? keys.merchantPublicKey
        : (createPublicKey(readPem(merchantPrivateKey)).export({ type: 'spki', format: 'pem' }) as string),
    keyMode,
    signing: {
      platformPrivateKey: keys.platformPrivateKey,
      platformPublicKeyId: keys.platformPublicKeyId,
      platformCertificate: { serial: keys.platformCertSerial, privateKey: keys.platformCertPrivateKey }
    }
  }
}

function writeKeys(file: string, keys: PayKeys): void {
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 })
  renameSync(tmp, file)
}
