import { createDecipheriv, createPublicKey, verify, type KeyObject } from 'crypto'
import type { PayConfig } from './types'

export type NotificationFailure =
  | 'MISSING_HEADERS'
  | 'STALE_TIMESTAMP'
  | 'UNKNOWN_SERIAL'
  | 'SIGNATURE_PROBE'
  | 'BAD_SIGNATURE'
  | 'MALFORMED'
  | 'DECRYPT_FAILED'
  | 'BAD_ALGORITHM'

export interface NotificationEvent {
  id: string
  event_type: string
  create_time: string
  summary?: string
}

export type NotificationCheck =
  /**
   * `resource` is authentic but unchecked: the decrypted JSON value (an object for every event
   * WeChat documents, a Transaction or RefundNotice), or the plaintext itself when it is not JSON.
   * The caller validates it (server/wechatpay/resource.ts) before reading any field.
   */
  | { ok: true; event: NotificationEvent; resource: unknown }
  | { ok: false; reason: NotificationFailure }

/** The envelope WeChat POSTs to notify_url (wechat-tech.md B.1). */
export interface NotificationBody {
  id: string
  create_time: string
  resource_type: string
  event_type: string
  summary: string
  resource: { original_type: string; algorithm: string; ciphertext: string; associated_data?: string; nonce: string }
}

export const MAX_CLOCK_SKEW_SECONDS = 300
export const SIGNATURE_PROBE_PREFIX = 'WECHATPAY/SIGNTEST/'
const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048'
const GCM_TAG_BYTES = 16

const keyCache = new WeakMap<PayConfig, Map<string, KeyObject>>()

/**
 * Checks a payment/refund notification exactly as received and decrypts its resource.
 * Never throws: anything off is `{ ok: false, reason }`, and the caller answers 4xx/5xx so
 * WeChat retries (a signature probe must fail too: WeChat then sends the real one).
 * `rawBody` must be the unparsed request body; `headers` may use any letter case.
 */
export function verifyNotification(
  cfg: PayConfig,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  nowSeconds: number = Math.floor(Date.now() / 1000)
): NotificationCheck {
  const h = lowerCased(headers)
  const ts = h['wechatpay-timestamp']
  const nonce = h['wechatpay-nonce']
  const serial = h['wechatpay-serial']
  const signature = h['wechatpay-signature']
  if (!ts || !nonce || !serial || !signature) return fail('MISSING_HEADERS')

  if (!/^\d+$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > MAX_CLOCK_SKEW_SECONDS) return fail('STALE_TIMESTAMP')
  // exact, case-sensitive match like the plugin's certs lookup; own keys only (no prototype names)
  const key = Object.prototype.hasOwnProperty.call(cfg.platformKeys, serial) ? platformKey(cfg, serial) : null
  if (!key) return fail('UNKNOWN_SERIAL')
  if (signature.startsWith(SIGNATURE_PROBE_PREFIX)) return fail('SIGNATURE_PROBE')
  const type = h['wechatpay-signature-type']
  if (type && type !== SIGNATURE_TYPE) return fail('BAD_SIGNATURE')
  const message = `${ts}\n${nonce}\n${rawBody}\n`
  if (!verify('sha256', Buffer.from(message), key, Buffer.from(signature, 'base64'))) {
    return fail('BAD_SIGNATURE')
  }

  let body: NotificationBody
  try {
    body = JSON.parse(rawBody)
  } catch {
    return fail('MALFORMED')
  }
  const r = body?.resource
  if (
    typeof body?.id !== 'string' ||
    typeof body.event_type !== 'string' ||
    typeof r?.ciphertext !== 'string' ||
    typeof r.nonce !== 'string'
  ) {
    return fail('MALFORMED')
  }
  if (r.algorithm !== 'AEAD_AES_256_GCM') return fail('BAD_ALGORITHM')

  let plaintext: string
  try {
    plaintext = decryptResource(cfg.apiv3Key, r.ciphertext, r.nonce, r.associated_data ?? '')
  } catch {
    return fail('DECRYPT_FAILED')
  }
  let resource: unknown
  try {
    resource = JSON.parse(plaintext)
  } catch {
    // signed and decrypted: authentic, only unreadable; the caller records it rather than
    // having WeChat Pay retry it for a day
    resource = plaintext
  }
  return {
    ok: true,
    event: { id: body.id, event_type: body.event_type, create_time: body.create_time, summary: body.summary },
    resource
  }
}

/** AEAD_AES_256_GCM: key = APIv3 key bytes, IV = nonce bytes, ciphertext = base64(ct ‖ 16-byte tag). */
export function decryptResource(apiv3Key: string, ciphertextB64: string, nonce: string, associatedData: string): string {
  const buf = Buffer.from(ciphertextB64, 'base64')
  if (buf.length < GCM_TAG_BYTES) throw new Error('ciphertext shorter than the GCM tag')
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiv3Key), Buffer.from(nonce), { authTagLength: GCM_TAG_BYTES })
  decipher.setAAD(Buffer.from(associatedData))
  decipher.setAuthTag(buf.subarray(buf.length - GCM_TAG_BYTES))
  return Buffer.concat([decipher.update(buf.subarray(0, buf.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8')
}

/** The public key behind `serial` (a certificate's or the WeChat Pay public key), parsed once per config. */
function platformKey(cfg: PayConfig, serial: string): KeyObject {
  let keys = keyCache.get(cfg)
  if (!keys) keyCache.set(cfg, (keys = new Map()))
  let key = keys.get(serial)
  if (!key) {
    key = createPublicKey(cfg.platformKeys[serial])
    keys.set(serial, key)
  }
  return key
}

function lowerCased(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v[0] : v
  return out
}

function fail(reason: NotificationFailure): NotificationCheck {
  return { ok: false, reason }
}
