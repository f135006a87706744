/**
 * Development and test credentials for the simulator. Real keys never live here: these are
 * generated locally, paired (merchant key ↔ simulator, platform key ↔ client), and kept in
 * the git-ignored data directory so restarts keep accepting old prepay ids and notifications.
 */
import { createPublicKey, generateKeyPairSync, randomInt } from 'crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs'
import { join } from 'path'
import { readPem } from '../../server/wechatpay/config'
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
  apiv3Key: string
}

export type DevPayConfig = PayConfig & { merchantPublicKey: string; platformPrivateKey: string }

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

/** Fresh merchant and platform key pairs plus ids shaped like WeChat's. */
export function generatePayKeys(): PayKeys {
  const merchant = rsaPair()
  const platform = rsaPair()
  return {
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

/** The simulator half of a key set. */
export function simulatorKeys(k: PayKeys): Pick<
  SimulatorOptions,
  'mchid' | 'appid' | 'merchantSerial' | 'merchantPublicKey' | 'platformPrivateKey' | 'platformPublicKeyId' | 'apiv3Key'
> {
  const { mchid, appid, merchantSerial, merchantPublicKey, platformPrivateKey, platformPublicKeyId, apiv3Key } = k
  return { mchid, appid, merchantSerial, merchantPublicKey, platformPrivateKey, platformPublicKeyId, apiv3Key }
}

/** The client half of a key set. */
export function payConfigFor(k: PayKeys, baseURL: string, notifyUrl: string): PayConfig {
  const { mchid, appid, merchantSerial, merchantPrivateKey, apiv3Key, platformPublicKey, platformPublicKeyId } = k
  return { mchid, appid, merchantSerial, merchantPrivateKey, apiv3Key, platformPublicKey, platformPublicKeyId, baseURL, notifyUrl }
}

/**
 * Loads `<dataDir>/wechatpay-dev.json`, generating it on first use. WECHATPAY_* variables
 * override stored values (the merchant public key is then derived from the given private key).
 * Overriding the platform public key only makes sense together with a real WECHATPAY_BASE_URL:
 * the simulator can only sign with the platform private key stored here.
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
  } else {
    keys = generatePayKeys()
    mkdirSync(dataDir, { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 })
    renameSync(tmp, file)
  }
  const e = (name: string) => env[name]?.trim() || undefined
  // PEM text is used byte for byte, like payConfigFromEnv does
  const pemOr = (name: string, stored: string) => (e(name) ? readPem(env[name] as string, name) : stored)
  const merchantPrivateKey = pemOr('WECHATPAY_MERCHANT_PRIVATE_KEY', keys.merchantPrivateKey)
  const platformPublicKey = pemOr('WECHATPAY_PLATFORM_PUBLIC_KEY', keys.platformPublicKey)
  return {
    mchid: e('WECHATPAY_MCHID') ?? keys.mchid,
    appid: e('WECHATPAY_APPID') ?? keys.appid,
    merchantSerial: e('WECHATPAY_MERCHANT_SERIAL') ?? keys.merchantSerial,
    merchantPrivateKey,
    merchantPublicKey:
      merchantPrivateKey === keys.merchantPrivateKey
        ? keys.merchantPublicKey
        : (createPublicKey(merchantPrivateKey).export({ type: 'spki', format: 'pem' }) as string),
    apiv3Key: e('WECHATPAY_APIV3_KEY') ?? keys.apiv3Key,
    platformPublicKey,
    platformPublicKeyId: e('WECHATPAY_PLATFORM_PUBLIC_KEY_ID') ?? keys.platformPublicKeyId,
    platformPrivateKey: keys.platformPrivateKey,
    baseURL: e('WECHATPAY_BASE_URL') ?? baseURL,
    notifyUrl: e('WECHATPAY_NOTIFY_URL') ?? notifyUrl
  }
}
