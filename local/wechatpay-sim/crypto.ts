/**
 * The simulator's side of the v3 signature scheme, written against node:crypto directly
 * (not the plugin) so that client and simulator cannot share the same mistake.
 */
import { createCipheriv, createPublicKey, randomBytes, randomInt, sign, verify, type KeyObject } from 'crypto'

export const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048'
export const MAX_SKEW_SECONDS = 300

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

export function nonce(size = 32): string {
  let s = ''
  for (let i = 0; i < size; i++) s += BASE62[randomInt(62)]
  return s
}

export function digits(n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += String(randomInt(10))
  return s
}

export function rsaSign(message: string, privateKey: KeyObject | string): string {
  return sign('sha256', Buffer.from(message), privateKey).toString('base64')
}

export function rsaVerify(message: string, signatureB64: string, publicKey: KeyObject | string): boolean {
  try {
    return verify('sha256', Buffer.from(message), publicKey, Buffer.from(signatureB64, 'base64'))
  } catch {
    return false
  }
}

export function publicKeyOf(pem: string): KeyObject {
  return createPublicKey(pem)
}

/** AEAD_AES_256_GCM as WeChat uses it for notification resources: base64(ciphertext ‖ tag). */
export function aesGcmEncrypt(plaintext: string, apiv3Key: string, iv: string, aad: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiv3Key), Buffer.from(iv))
  cipher.setAAD(Buffer.from(aad))
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64')
}

/** The four (five) headers WeChat puts on every signed answer and notification. */
export function signedHeaders(
  body: string,
  platformKey: KeyObject | string,
  serial: string,
  timestamp: number
): Record<string, string> {
  const n = nonce()
  return {
    'Wechatpay-Timestamp': String(timestamp),
    'Wechatpay-Nonce': n,
    'Wechatpay-Serial': serial,
    'Wechatpay-Signature': rsaSign(`${timestamp}\n${n}\n${body}\n`, platformKey),
    'Wechatpay-Signature-Type': SIGNATURE_TYPE
  }
}

export interface Authorization {
  mchid: string
  serial_no: string
  timestamp: string
  nonce_str: string
  signature: string
}

/** Parses `WECHATPAY2-SHA256-RSA2048 mchid="…",serial_no="…",…`; null when it is not that shape. */
export function parseAuthorization(header: string | undefined): Authorization | null {
  if (!header) return null
  const space = header.indexOf(' ')
  if (space < 0 || header.slice(0, space) !== SIGNATURE_TYPE) return null
  const fields: Record<string, string> = {}
  for (const m of header.slice(space + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]] = m[2]
  const { mchid, serial_no, timestamp, nonce_str, signature } = fields
  if (!mchid || !serial_no || !timestamp || !nonce_str || !signature) return null
  return { mchid, serial_no, timestamp, nonce_str, signature }
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}
