/**
 * Notification delivery like WeChat's: POST the signed, encrypted envelope to notify_url,
 * treat any 2xx as received, otherwise (non-2xx, error, no answer within 5 s) retry on
 * WeChat's schedule. Each attempt is signed afresh (new timestamp and nonce); the body,
 * and so the event id, stays the same, which is what makes duplicates recognisable.
 */
import { request as httpRequest } from 'http'
import { request as httpsRequest } from 'https'
import { randomUUID, type KeyObject } from 'crypto'
import { rfc3339Shanghai } from '../../server/wechatpay/time'
import { aesGcmEncrypt, nonce, signedHeaders } from './crypto'
import { openSimState, type SimState } from './state'

/** 15s,15s,30s,3m,10m,20m,30m,30m,30m,60m,3h,3h,3h,6h,6h (wechat-tech.md B.3) */
export const WECHAT_RETRY_SCHEDULE_MS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600].map(
  (s) => s * 1000
)

export type DeliveryMode = 'normal' | 'never' | 'twice' | { delayMs: number }

export interface DeliveryAttempt {
  url: string
  /** HTTP status, or why there was none */
  status: number | 'timeout' | 'error'
  /** simulator clock, ms */
  at: number
  /** 0 = first try, 1 = first retry, … */
  attempt: number
  eventId: string
  eventType: string
  /** out_trade_no or out_refund_no the event is about */
  key: string
  /** the Wechatpay-Serial this attempt was signed under */
  serial: string
}

export interface ForgeOptions {
  eventType?: string
  /** signature: wrong signature · timestamp: header changed after signing · ciphertext: corrupted then signed · probe: WECHATPAY/SIGNTEST/ */
  tamper?: 'signature' | 'timestamp' | 'ciphertext' | 'probe'
  /** unix seconds to sign with (e.g. 10 minutes ago for a stale one) */
  timestamp?: number
  /** Wechatpay-Serial to claim */
  serial?: string
  /** resource.algorithm to claim */
  algorithm?: string
}

const SUMMARY: Record<string, string> = {
  'TRANSACTION.SUCCESS': '支付成功',
  'REFUND.SUCCESS': '退款成功',
  'REFUND.ABNORMAL': '退款异常',
  'REFUND.CLOSED': '退款关闭'
}

interface Pending {
  key: string
  url: string
  eventId: string
  eventType: string
  body: string
}

/** A delivery still to make, as kept in the state: which attempt is next and when it is due. */
interface Scheduled {
  p: Pending
  attempt: number
  dueAt: number
}

/** A key WeChat Pay signs with and the serial it names for it in `Wechatpay-Serial`. */
export interface Signer {
  serial: string
  key: KeyObject
}

export function createNotifier(o: {
  apiv3Key: string
  /** picks the key for each signature (the simulator's key mode) */
  signer: () => Signer
  now: () => number
  retrySchedule: number[]
  timeoutMs: number
  /** keeps the last event per key and the deliveries still to make across restarts */
  state?: SimState
}) {
  const state = o.state ?? openSimState()
  const deliveries: DeliveryAttempt[] = []
  const last = new Map<string, Pending>(state.all<Pending>('last'))
  const timers = new Set<NodeJS.Timeout>()
  let mode: DeliveryMode = 'normal'
  let active = 0
  let waiters: Array<() => void> = []
  let closed = false

  function envelope(eventType: string, resource: unknown, algorithm = 'AEAD_AES_256_GCM', corrupt = false) {
    const originalType = eventType.startsWith('REFUND.') ? 'refund' : 'transaction'
    const iv = nonce(12)
    const plaintext = typeof resource === 'string' ? resource : JSON.stringify(resource)
    let ciphertext = aesGcmEncrypt(plaintext, o.apiv3Key, iv, originalType)
    if (corrupt) {
      const buf = Buffer.from(ciphertext, 'base64')
      buf[buf.length >> 1] ^= 0x01
      ciphertext = buf.toString('base64')
    }
    const id = randomUUID()
    const body = JSON.stringify({
      id,
      create_time: rfc3339Shanghai(o.now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: SUMMARY[eventType] ?? eventType,
      resource: { original_type: originalType, algorithm, ciphertext, associated_data: originalType, nonce: iv }
    })
    return { id, body }
  }

  function headersFor(body: string, timestamp = Math.floor(o.now() / 1000), by: Signer = o.signer(), serial = by.serial): Record<string, string> {
    return {
      'Content-Type': 'application/json',
      'User-Agent': 'Mozilla/4.0',
      'Request-ID': randomUUID(),
      ...signedHeaders(body, by.key, serial, timestamp)
    }
  }

  function schedule(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      timers.delete(t)
      if (!closed) fn()
    }, ms)
    t.unref()
    timers.add(t)
  }

  function finish(): void {
    active--
    if (active === 0) {
      const w = waiters
      waiters = []
      w.forEach((f) => f())
    }
  }

  async function attempt(id: string, p: Pending, n: number): Promise<void> {
    const at = o.now()
    const headers = headersFor(p.body)
    const status = await post(p.url, headers, p.body, o.timeoutMs)
    if (closed) return
    deliveries.push({ url: p.url, status, at, attempt: n, eventId: p.eventId, eventType: p.eventType, key: p.key, serial: headers['Wechatpay-Serial'] })
    const received = typeof status === 'number' && status >= 200 && status < 300
    if (!received && n < o.retrySchedule.length) {
      const delay = o.retrySchedule[n]
      state.put('delivery', id, { p, attempt: n + 1, dueAt: o.now() + delay } satisfies Scheduled)
      schedule(delay, () => void attempt(id, p, n + 1))
    } else {
      state.remove('delivery', id)
      finish()
    }
  }

  /** Plans attempt `n` of delivering `p` in `delayMs`; kept in the state first, so a restart makes it. */
  function plan(id: string, p: Pending, n: number, delayMs: number): void {
    active++
    schedule(delayMs, () => void attempt(id, p, n))
  }

  function start(p: Pending, delayMs: number): void {
    const id = randomUUID()
    state.put('delivery', id, { p, attempt: 0, dueAt: o.now() + delayMs } satisfies Scheduled)
    plan(id, p, 0, delayMs)
  }

  // a restart resumes every delivery that was under way, on its schedule (one in flight when the
  // process died is made again: WeChat Pay too delivers at least once, never exactly once)
  for (const [id, s] of state.all<Scheduled>('delivery')) plan(id, s.p, s.attempt, Math.max(0, s.dueAt - o.now()))

  return {
    deliveries,

    setMode(m: DeliveryMode): void {
      mode = m
    },

    /** A new event about `key` (out_trade_no / out_refund_no), delivered per the current mode. */
    notify(key: string, url: string, eventType: string, resource: object): void {
      const { id, body } = envelope(eventType, resource)
      const p: Pending = { key, url, eventId: id, eventType, body }
      last.set(key, p)
      state.atomically(() => {
        state.put('last', key, p)
        if (closed || mode === 'never') return
        if (mode === 'twice') {
          start(p, 0)
          start(p, 0)
        } else start(p, typeof mode === 'object' ? mode.delayMs : 0)
      })
    },

    /** Re-sends the latest event about `key` (same id and body), whatever the mode. */
    deliverAgain(key: string): boolean {
      const p = last.get(key)
      if (!p || closed) return false
      start(p, 0)
      return true
    },

    forge(eventType: string, resource: unknown, f: ForgeOptions = {}): { headers: Record<string, string>; body: string } {
      const { body } = envelope(eventType, resource, f.algorithm, f.tamper === 'ciphertext')
      const by = o.signer()
      const headers = headersFor(body, f.timestamp, by, f.serial)
      if (f.tamper === 'signature') {
        headers['Wechatpay-Signature'] = signedHeaders(`${body} `, by.key, by.serial, 0)['Wechatpay-Signature']
      } else if (f.tamper === 'timestamp') {
        headers['Wechatpay-Timestamp'] = String(Number(headers['Wechatpay-Timestamp']) - 1)
      } else if (f.tamper === 'probe') {
        headers['Wechatpay-Signature'] = `WECHATPAY/SIGNTEST/${nonce(300)}`
      }
      return { headers, body }
    },

    /** Resolves once no delivery is in flight or waiting for a retry. */
    idle(): Promise<void> {
      return active === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))
    },

    close(): void {
      closed = true
      timers.forEach(clearTimeout)
      timers.clear()
      active = 0
      const w = waiters
      waiters = []
      w.forEach((f) => f())
    }
  }
}

export type Notifier = ReturnType<typeof createNotifier>

/** One POST; never rejects. A fresh connection each time so a test server can close promptly. */
function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number | 'timeout' | 'error'> {
  return new Promise((resolve) => {
    let settled = false
    const done = (r: number | 'timeout' | 'error') => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(r)
    }
    let req: ReturnType<typeof httpRequest>
    try {
      const u = new URL(url)
      const send = u.protocol === 'https:' ? httpsRequest : httpRequest
      req = send(u, { method: 'POST', agent: false, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
        res.resume()
        done(res.statusCode ?? 'error')
      })
    } catch {
      resolve('error')
      return
    }
    const timer = setTimeout(() => {
      done('timeout')
      req.destroy()
    }, timeoutMs)
    req.on('error', () => done('error'))
    req.end(body)
  })
}
