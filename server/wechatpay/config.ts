import { existsSync, readFileSync } from 'fs'
import { X509Certificate } from 'crypto'
import type { PayConfig } from './types'

export const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com/'

const REQUIRED = [
  'WECHATPAY_MCHID',
  'WECHATPAY_APPID',
  'WECHATPAY_MERCHANT_SERIAL',
  'WECHATPAY_MERCHANT_PRIVATE_KEY',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_NOTIFY_URL'
] as const

/** WeChat Pay's own keys: the public key with its id, platform certificates, or both (a migration). */
const PUBLIC_KEY = 'WECHATPAY_PLATFORM_PUBLIC_KEY'
const PUBLIC_KEY_ID = 'WECHATPAY_PLATFORM_PUBLIC_KEY_ID'
const CERTIFICATES = 'WECHATPAY_PLATFORM_CERTIFICATES'

const CERT_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g

/** The inverse of payConfigFromEnv: the variables that configure `cfg` (the local stack sets these). */
export function payConfigToEnv(cfg: PayConfig): Record<string, string> {
  const certificates = Object.entries(cfg.platformKeys)
    .filter(([serial]) => serial !== cfg.publicKeyId)
    .map(([, pem]) => pem)
  return {
    WECHATPAY_MCHID: cfg.mchid,
    WECHATPAY_APPID: cfg.appid,
    WECHATPAY_MERCHANT_SERIAL: cfg.merchantSerial,
    WECHATPAY_MERCHANT_PRIVATE_KEY: cfg.merchantPrivateKey,
    WECHATPAY_APIV3_KEY: cfg.apiv3Key,
    ...(cfg.publicKeyId ? { [PUBLIC_KEY]: cfg.platformKeys[cfg.publicKeyId], [PUBLIC_KEY_ID]: cfg.publicKeyId } : {}),
    ...(certificates.length > 0 ? { [CERTIFICATES]: certificates.join('') } : {}),
    WECHATPAY_BASE_URL: cfg.baseURL,
    WECHATPAY_NOTIFY_URL: cfg.notifyUrl
  }
}

/**
 * Reads the pay configuration from environment variables (cloud function settings or
 * `.env` locally). Keys may be given as PEM text or as a path to a PEM file.
 * WeChat Pay's side is the public key (`WECHATPAY_PLATFORM_PUBLIC_KEY` + `_ID`), platform
 * certificates (`WECHATPAY_PLATFORM_CERTIFICATES`), or both while switching from one to the other.
 * Fails loudly, naming every missing variable, so a half-configured deployment never
 * reaches WeChat.
 */
export function payConfigFromEnv(env: Record<string, string | undefined> = process.env): PayConfig {
  const given = (name: string) => !!env[name]?.trim()
  const missing: string[] = REQUIRED.filter((name) => !given(name))
  if (given(PUBLIC_KEY) !== given(PUBLIC_KEY_ID)) missing.push(given(PUBLIC_KEY) ? PUBLIC_KEY_ID : PUBLIC_KEY)
  if (!given(PUBLIC_KEY) && !given(PUBLIC_KEY_ID) && !given(CERTIFICATES)) {
    missing.push(`${PUBLIC_KEY} and ${PUBLIC_KEY_ID} (or ${CERTIFICATES})`)
  }
  if (missing.length > 0) {
    throw new Error(`WeChat Pay is not configured: missing ${missing.join(', ')}`)
  }
  const get = (name: string) => (env[name] as string).trim()
  // PEM text is kept byte for byte (trailing newline included); only paths and ids are trimmed
  const key = (name: string) => readPem(env[name] as string, name)
  const publicKeyId = given(PUBLIC_KEY_ID) ? get(PUBLIC_KEY_ID) : null
  const platformKeys: Record<string, string> = given(CERTIFICATES) ? readCertificates(env[CERTIFICATES] as string) : {}
  if (publicKeyId) platformKeys[publicKeyId] = key(PUBLIC_KEY)
  const cfg: PayConfig = {
    mchid: get('WECHATPAY_MCHID'),
    appid: get('WECHATPAY_APPID'),
    merchantSerial: get('WECHATPAY_MERCHANT_SERIAL'),
    merchantPrivateKey: key('WECHATPAY_MERCHANT_PRIVATE_KEY'),
    apiv3Key: get('WECHATPAY_APIV3_KEY'),
    platformKeys,
    publicKeyId,
    baseURL: withTrailingSlash(env.WECHATPAY_BASE_URL?.trim() || DEFAULT_BASE_URL),
    notifyUrl: get('WECHATPAY_NOTIFY_URL')
  }
  checkPayConfig(cfg)
  return cfg
}

/** Sanity checks that would otherwise surface as obscure crypto errors much later. */
export function checkPayConfig(cfg: PayConfig): void {
  if (Buffer.byteLength(cfg.apiv3Key) !== 32) {
    throw new Error('WeChat Pay APIv3 key must be exactly 32 bytes (WECHATPAY_APIV3_KEY)')
  }
  if (Object.keys(cfg.platformKeys).length === 0) throw new Error('WeChat Pay needs its public key or a platform certificate')
  if (cfg.publicKeyId !== null && !(cfg.publicKeyId in cfg.platformKeys)) {
    throw new Error(`WeChat Pay public key ${cfg.publicKeyId} has no key`)
  }
  if (cfg.merchantSerial in cfg.platformKeys) {
    throw new Error('WeChat Pay public key id / platform certificate serial must differ from the merchant certificate serial')
  }
}

/**
 * Platform certificates by serial (the serial each one carries, so it cannot be mistyped).
 * The value is PEM text holding one or more certificates, or comma/newline separated paths
 * to PEM files (WeChat's `wechatpay_<serial>.pem`).
 */
export function readCertificates(value: string, name = CERTIFICATES): Record<string, string> {
  const text = value.includes('-----BEGIN')
    ? value.replace(/\\n/g, '\n')
    : value
        .split(/[,\n]/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => readPem(p, name))
        .join('\n')
  const pems = text.match(CERT_PEM) ?? []
  if (pems.length === 0) throw new Error(`${name} holds no PEM certificate`)
  const out: Record<string, string> = {}
  for (const raw of pems) {
    const pem = raw.endsWith('\n') ? raw : `${raw}\n`
    out[certificateSerial(pem)] = pem
  }
  return out
}

/** The serial WeChat Pay names in `Wechatpay-Serial`: upper-case hex, as `openssl x509 -serial` prints it. */
export function certificateSerial(pem: string): string {
  return new X509Certificate(pem).serialNumber.toUpperCase()
}

/**
 * PEM text as is (also with literal `\n` escapes, as env files often carry it),
 * otherwise a path to a PEM file.
 */
export function readPem(value: string, name = 'key'): string {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n')
  const path = value.trim()
  if (existsSync(path)) return readFileSync(path, 'utf8')
  throw new Error(`${name} is neither PEM text nor a readable file path`)
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
