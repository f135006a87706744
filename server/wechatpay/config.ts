import { existsSync, readFileSync } from 'fs'
import type { PayConfig } from './types'

export const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com/'

const REQUIRED = [
  'WECHATPAY_MCHID',
  'WECHATPAY_APPID',
  'WECHATPAY_MERCHANT_SERIAL',
  'WECHATPAY_MERCHANT_PRIVATE_KEY',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PLATFORM_PUBLIC_KEY',
  'WECHATPAY_PLATFORM_PUBLIC_KEY_ID',
  'WECHATPAY_NOTIFY_URL'
] as const

/** The inverse of payConfigFromEnv: the variables that configure `cfg` (the local stack sets these). */
export function payConfigToEnv(cfg: PayConfig): Record<string, string> {
  return {
    WECHATPAY_MCHID: cfg.mchid,
    WECHATPAY_APPID: cfg.appid,
    WECHATPAY_MERCHANT_SERIAL: cfg.merchantSerial,
    WECHATPAY_MERCHANT_PRIVATE_KEY: cfg.merchantPrivateKey,
    WECHATPAY_APIV3_KEY: cfg.apiv3Key,
    WECHATPAY_PLATFORM_PUBLIC_KEY: cfg.platformPublicKey,
    WECHATPAY_PLATFORM_PUBLIC_KEY_ID: cfg.platformPublicKeyId,
    WECHATPAY_BASE_URL: cfg.baseURL,
    WECHATPAY_NOTIFY_URL: cfg.notifyUrl
  }
}

/**
 * Reads the pay configuration from environment variables (cloud function settings or
 * `.env` locally). Keys may be given as PEM text or as a path to a PEM file.
 * Fails loudly, naming every missing variable, so a half-configured deployment never
 * reaches WeChat.
 */
export function payConfigFromEnv(env: Record<string, string | undefined> = process.env): PayConfig {
  const missing = REQUIRED.filter((name) => !env[name]?.trim())
  if (missing.length > 0) {
    throw new Error(`WeChat Pay is not configured: missing ${missing.join(', ')}`)
  }
  const get = (name: (typeof REQUIRED)[number]) => (env[name] as string).trim()
  // PEM text is kept byte for byte (trailing newline included); only paths and ids are trimmed
  const key = (name: (typeof REQUIRED)[number]) => readPem(env[name] as string, name)
  const cfg: PayConfig = {
    mchid: get('WECHATPAY_MCHID'),
    appid: get('WECHATPAY_APPID'),
    merchantSerial: get('WECHATPAY_MERCHANT_SERIAL'),
    merchantPrivateKey: key('WECHATPAY_MERCHANT_PRIVATE_KEY'),
    apiv3Key: get('WECHATPAY_APIV3_KEY'),
    platformPublicKey: key('WECHATPAY_PLATFORM_PUBLIC_KEY'),
    platformPublicKeyId: get('WECHATPAY_PLATFORM_PUBLIC_KEY_ID'),
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
  if (cfg.platformPublicKeyId === cfg.merchantSerial) {
    throw new Error('WeChat Pay public key id must differ from the merchant certificate serial')
  }
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
