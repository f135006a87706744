/**
 * A local WeChat Pay API v3 endpoint. It checks requests the way WeChat does (signature over
 * the exact method, URL as received and body; parameters; state rules), answers with
 * platform-signed responses, lets a "payer" confirm on a checkout page, and delivers
 * signed, encrypted notifications with WeChat's retry schedule.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'http'
import { createPrivateKey, randomUUID } from 'crypto'
import type { Refund, Transaction } from '../../server/wechatpay/types'
import { MAX_SKEW_SECONDS, parseAuthorization, publicKeyOf, rsaVerify, signedHeaders } from './crypto'
import { createLedger, refundNoticeView, refundView, SimError, transactionView, type SimOrder, type SimRefund } from './ledger'
import { createNotifier, WECHAT_RETRY_SCHEDULE_MS, type Signer, type DeliveryAttempt, type DeliveryMode, type ForgeOptions } from './notifier'
import { createCheckout } from './checkout'
import { openSimState } from './state'
import { header, readBody } from './http'
import { tradeBillFile, tradeBillRows } from './bill'
import { rfc3339Shanghai } from '../../server/wechatpay/time'

export interface SimulatorOptions {
  mchid: string
  appid: string
  merchantSerial: string
  /** PEM; verifies request signatures and paySign */
  merchantPublicKey: string
  /** PEM; the WeChat Pay public key's private half: signs as `platformPublicKeyId` */
  platformPrivateKey: string
  platformPublicKeyId: string
  /** a platform certificate's serial and private key (PEM): signs as `serial` */
  platformCertificate?: { serial: string; privateKey: string }
  /**
   * Which key signs (default publicKey). certificate: every answer and notification with the
   * certificate. migrating: the week of a switch, as WeChat Pay does it: an answer is signed with
   * the public key when the request carries `Wechatpay-Serial: <public key id>`, else with the
   * certificate; notifications alternate between the two.
   */
  keyMode?: SimKeyMode
  apiv3Key: string
  /** ms between notification retries; default WeChat's schedule × timeScale */
  retrySchedule?: number[]
  /** compresses the notification/refund clock, e.g. 0.001 */
  timeScale?: number
  now?: () => number
  /** mount prefix when embedded in another server, e.g. '/wechatpay' */
  basePath?: string
  /** PROCESSING → SUCCESS delay for refunds; default 2000 ms × timeScale; 0 = settle before answering */
  refundDelayMs?: number
  /** how long a notify_url may take to answer; default 5000 ms like WeChat */
  deliveryTimeoutMs?: number
  /** shown on the checkout page */
  merchantName?: string
  /**
   * SQLite file that keeps orders, refunds, prepay ids and undelivered notifications across
   * restarts, like WeChat Pay's own books; default: memory only (throwaway tests)
   */
  stateFile?: string
}

export type SimKeyMode = 'publicKey' | 'certificate' | 'migrating'

export interface Simulator {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>
  listen(port?: number, host?: string): Promise<{ url: string; close(): Promise<void> }>
  /** The payer confirms (by out_trade_no or prepay_id); triggers TRANSACTION.SUCCESS once. */
  pay(outTradeNoOrPrepayId: string, opts?: { payerTotal?: number }): Transaction
  /** The payer backs out; the order stays NOTPAY. */
  cancel(outTradeNoOrPrepayId: string): Transaction
  /** Finishes a PROCESSING refund now (SUCCESS by default) and notifies. */
  settleRefund(outRefundNo: string, status?: 'SUCCESS' | 'CLOSED' | 'ABNORMAL'): Refund
  readonly deliveries: readonly DeliveryAttempt[]
  /** every API v3 request received (method, path as received, time, its Wechatpay-Serial header), for tests that count calls */
  readonly requests: ReadonlyArray<{ method: string; path: string; at: number; serial?: string }>
  setDeliveryMode(mode: DeliveryMode): void
  /** Switches which key signs from now on (a merchant's switch to the public key, in steps). */
  setKeyMode(mode: SimKeyMode): void
  /**
   * Test control: query-order answers pass through `change` (still correctly signed), to prove
   * what the merchant side does with answers it must not trust; null restores the truth.
   */
  tamperQueries(change: ((tx: Transaction) => object) | null): void
  /** Test control: bill downloads pass through `change` (the announced SHA1 stays the truth's); null restores. */
  tamperBillDownloads(change: ((text: string) => string) | null): void
  /** Test control: create-refund and query-refund answers pass through `change` (still signed); null restores the truth. */
  tamperRefunds(change: ((r: Refund) => object) | null): void
  /** Re-sends the latest notification about an order or refund; false if there was none. */
  deliverAgain(outTradeNoOrRefundNo: string): boolean
  /** `resource` is encrypted as JSON, a string as is (to forge unreadable plaintext); any value may be given */
  signedNotification(resource: unknown, opts?: ForgeOptions): { headers: Record<string, string>; body: string }
  /** Resolves when no notification is in flight or waiting for a retry. */
  idle(): Promise<void>
  readonly orders: ReadonlyMap<string, SimOrder>
  readonly refunds: ReadonlyMap<string, SimRefund>
  close(): void
}

export function createSimulator(opts: SimulatorOptions): Simulator {
  const now = opts.now ?? Date.now
  const scale = opts.timeScale ?? 1
  const basePath = (opts.basePath ?? '').replace(/\/+$/, '')
  const merchantKey = publicKeyOf(opts.merchantPublicKey)
  const publicKeySigner: Signer = { serial: opts.platformPublicKeyId, key: createPrivateKey(opts.platformPrivateKey) }
  const certSigner: Signer | null = opts.platformCertificate
    ? { serial: opts.platformCertificate.serial, key: createPrivateKey(opts.platformCertificate.privateKey) }
    : null
  let keyMode: SimKeyMode = 'publicKey'
  function setKeyMode(mode: SimKeyMode): void {
    if (mode !== 'publicKey' && !certSigner) throw new Error(`key mode ${mode} needs platformCertificate`)
    keyMode = mode
  }
  setKeyMode(opts.keyMode ?? 'publicKey')
  let notifications = 0
  /** The key WeChat Pay signs with; `askedFor` is the request's Wechatpay-Serial (answers only). */
  function signer(askedFor: string | undefined | 'notification'): Signer {
    if (keyMode === 'publicKey') return publicKeySigner
    const cert = certSigner as Signer
    if (keyMode === 'certificate') return cert
    if (askedFor === 'notification') return notifications++ % 2 === 0 ? cert : publicKeySigner
    return askedFor === publicKeySigner.serial ? publicKeySigner : cert
  }
  const refundDelay = opts.refundDelayMs ?? 2000 * scale
  const state = openSimState(opts.stateFile)
  const ledger = createLedger(opts, now, state)
  const notifier = createNotifier({
    state,
    apiv3Key: opts.apiv3Key,
    signer: () => signer('notification'),
    now,
    retrySchedule: opts.retrySchedule ?? WECHAT_RETRY_SCHEDULE_MS.map((ms) => Math.round(ms * scale)),
    timeoutMs: opts.deliveryTimeoutMs ?? 5000
  })
  const refundTimers = new Set<NodeJS.Timeout>()
  const checkout = createCheckout({
    ledger,
    pay: (key) => pay(key),
    appid: opts.appid,
    merchantKey,
    merchantName: opts.merchantName ?? '储值测试商户'
  })

  /** Paid and its notification queued in one write: after a crash, a paid order is always notified. */
  function pay(key: string, o: { payerTotal?: number } = {}): Transaction {
    return state.atomically(() => {
      const { order, changed } = ledger.pay(key, o)
      const tx = transactionView(order)
      if (changed) notifier.notify(order.outTradeNo, order.notifyUrl, 'TRANSACTION.SUCCESS', tx)
      return tx
    })
  }

  function settleRefund(outRefundNo: string, status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = 'SUCCESS'): Refund {
    return state.atomically(() => {
      const before = ledger.refund(outRefundNo).status
      const r = ledger.settleRefund(outRefundNo, status)
      const o = ledger.order(r.outTradeNo)
      if (before === 'PROCESSING') {
        notifier.notify(r.outRefundNo, r.notifyUrl ?? o.notifyUrl, `REFUND.${r.status}`, refundNoticeView(r, o))
      }
      return refundView(r, o)
    })
  }

  let tamper: ((tx: Transaction) => object) | null = null
  const queryAnswer = (tx: Transaction): object => (tamper ? tamper(tx) : tx)
  let tamperRefund: ((r: Refund) => object) | null = null
  const refundAnswer = (r: Refund): object => (tamperRefund ? tamperRefund(r) : r)

  function settleLater(outRefundNo: string): void {
    const t = setTimeout(() => {
      refundTimers.delete(t)
      try {
        settleRefund(outRefundNo)
      } catch {
        // already settled by hand (sim.settleRefund) — nothing left to do
      }
    }, refundDelay)
    t.unref()
    refundTimers.add(t)
  }
  // refunds still PROCESSING when the simulator stopped settle after a restart, as they would have
  for (const r of ledger.refunds.values()) if (r.status === 'PROCESSING') settleLater(r.outRefundNo)

  // ---- API v3 -------------------------------------------------------------------------

  function authenticate(req: IncomingMessage, rawUrl: string, body: string): string {
    const auth = parseAuthorization(header(req, 'authorization'))
    if (!auth) throw new SimError(401, 'SIGN_ERROR', 'Authorization 缺失或格式错误')
    if (auth.mchid !== opts.mchid) throw new SimError(401, 'SIGN_ERROR', '商户号与证书不匹配')
    if (auth.serial_no !== opts.merchantSerial) throw new SimError(401, 'SIGN_ERROR', '商户证书序列号有误')
    if (!/^\d+$/.test(auth.timestamp) || Math.abs(Math.floor(now() / 1000) - Number(auth.timestamp)) > MAX_SKEW_SECONDS) {
      throw new SimError(401, 'SIGN_ERROR', '请求时间戳与当前时间相差过大')
    }
    const message = `${req.method}\n${rawUrl}\n${auth.timestamp}\n${auth.nonce_str}\n${body}\n`
    if (!rsaVerify(message, auth.signature, merchantKey)) throw new SimError(401, 'SIGN_ERROR', '签名错误')
    return auth.mchid
  }

  const requests: Array<{ method: string; path: string; at: number; serial?: string }> = []

  async function api(req: IncomingMessage, res: ServerResponse, rawUrl: string, url: URL, path: string): Promise<void> {
    requests.push({ method: req.method ?? '', path: rawUrl, at: now(), serial: header(req, 'wechatpay-serial') })
    try {
      const raw = await readBody(req)
      const mchid = authenticate(req, rawUrl, raw)
      let body: unknown
      if (req.method === 'POST') {
        try {
          body = JSON.parse(raw)
        } catch {
          throw new SimError(400, 'PARAM_ERROR', '请求体不是合法的 JSON')
        }
      }
      const m = (re: RegExp) => path.match(re)
      const q = url.searchParams.get('mchid')
      let hit: RegExpMatchArray | null
      if (req.method === 'POST' && path === '/v3/pay/transactions/jsapi') {
        const o = ledger.createJsapi(body, mchid)
        return send(req, res, 200, { prepay_id: o.prepayId })
      }
      if (req.method === 'GET' && (hit = m(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/))) {
        return send(req, res, 200, queryAnswer(transactionView(ledger.query(decodeURIComponent(hit[1]), q))))
      }
      if (req.method === 'GET' && (hit = m(/^\/v3\/pay\/transactions\/id\/([^/]+)$/))) {
        return send(req, res, 200, queryAnswer(transactionView(ledger.queryByTransactionId(decodeURIComponent(hit[1]), q))))
      }
      if (req.method === 'POST' && (hit = m(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/))) {
        ledger.close(decodeURIComponent(hit[1]), body)
        return send(req, res, 204)
      }
      if (req.method === 'POST' && path === '/v3/refund/domestic/refunds') {
        const { refund, created } = ledger.createRefund(body)
        if (created) {
          if (refundDelay <= 0) settleRefund(refund.outRefundNo)
          else settleLater(refund.outRefundNo)
        }
        return send(req, res, 200, refundAnswer(refundView(refund, ledger.order(refund.outTradeNo))))
      }
      if (req.method === 'GET' && (hit = m(/^\/v3\/refund\/domestic\/refunds\/([^/]+)$/))) {
        const r = ledger.refund(decodeURIComponent(hit[1]))
        return send(req, res, 200, refundAnswer(refundView(r, ledger.order(r.outTradeNo))))
      }
      if (req.method === 'GET' && path === '/v3/bill/tradebill') {
        return send(req, res, 200, tradeBill(req, url))
      }
      if (req.method === 'GET' && path === '/v3/billdownload/file') {
        const file = bills.get(url.searchParams.get('token') ?? '')
        if (!file || now() - file.at > BILL_TOKEN_TTL_MS) throw new SimError(400, 'INVALID_REQUEST', '下载链接已过期或无效')
        return sendFile(res, tamperBill ? tamperBill(file.text) : file.text)
      }
      throw new SimError(404, 'NOT_FOUND', `模拟器不支持 ${req.method} ${path}`)
    } catch (e) {
      if (e instanceof SimError) return send(req, res, e.status, { code: e.code, message: e.message })
      return send(req, res, 500, { code: 'SYSTEM_ERROR', message: e instanceof Error ? e.message : String(e) })
    }
  }

  // ---- trade bills ----------------------------------------------------------------------

  /** download tokens, memory only: like WeChat's (valid 30 s), they do not outlive the simulator */
  const bills = new Map<string, { text: string; at: number }>()
  let tamperBill: ((text: string) => string) | null = null
  const BILL_TOKEN_TTL_MS = 30_000

  /** GET /v3/bill/tradebill: the day's bill is built now and announced with its SHA1 and a download URL. */
  function tradeBill(req: IncomingMessage, url: URL): object {
    const day = url.searchParams.get('bill_date') ?? ''
    const type = url.searchParams.get('bill_type') ?? 'ALL'
    if (!/^\d{4}-\d\d-\d\d$/.test(day) || Number.isNaN(Date.parse(day))) throw new SimError(400, 'PARAM_ERROR', 'bill_date 格式应为 yyyy-MM-DD')
    // SUCCESS and REFUND bills have other columns; the shared writer only knows ALL
    if (type !== 'ALL') throw new SimError(400, 'PARAM_ERROR', `模拟器只提供 bill_type=ALL 的账单，收到 ${type}`)
    if (day >= rfc3339Shanghai(now()).slice(0, 10)) throw new SimError(400, 'INVALID_REQUEST', '账单日期须早于今天（次日生成）')
    const rows = tradeBillRows(day, ledger.orders.values(), ledger.refunds.values())
    if (rows.length === 0) throw new SimError(400, 'NO_STATEMENT_EXIST', '账单文件不存在')
    const { text, sha1 } = tradeBillFile(rows)
    const token = randomUUID().replace(/-/g, '')
    for (const [k, b] of bills) if (now() - b.at > BILL_TOKEN_TTL_MS) bills.delete(k)
    bills.set(token, { text, at: now() })
    const host = header(req, 'host') ?? '127.0.0.1'
    return { hash_type: 'SHA1', hash_value: sha1, download_url: `http://${host}${basePath}/v3/billdownload/file?token=${token}` }
  }

  /**
   * The bill file. WeChat does not sign downloads and the plugin skips checking them at
   * `/v3/billdownload/file`; under a mount prefix (basePath) the plugin does not recognise the
   * path and checks the signature, so the simulator signs the file too (the SHA1 is what proves it).
   */
  function sendFile(res: ServerResponse, text: string): void {
    const by = signer(undefined)
    res.writeHead(200, {
      'Request-ID': randomUUID(),
      'Content-Type': 'text/plain; charset=utf-8',
      ...signedHeaders(text, by.key, by.serial, Math.floor(now() / 1000))
    })
    res.end(text)
  }

  /** Every answer is signed like WeChat's (the client only checks 2xx ones). */
  function send(req: IncomingMessage, res: ServerResponse, status: number, payload?: object): void {
    const body = payload === undefined ? '' : JSON.stringify(payload)
    const by = signer(header(req, 'wechatpay-serial'))
    const headers: Record<string, string> = {
      'Request-ID': randomUUID(),
      ...signedHeaders(body, by.key, by.serial, Math.floor(now() / 1000))
    }
    if (body) headers['Content-Type'] = 'application/json; charset=utf-8'
    res.writeHead(status, headers)
    res.end(body)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    // Frameworks that strip a mount prefix keep the original in originalUrl; WeChat signs what was sent.
    const rawUrl = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/'
    const url = new URL(rawUrl, 'http://simulator.local')
    let path = url.pathname
    if (basePath) {
      if (!path.startsWith(`${basePath}/`)) return false
      path = path.slice(basePath.length)
    }
    if (path.startsWith('/v3/')) {
      await api(req, res, rawUrl, url, path)
      return true
    }
    if (path === '/sim/checkout' || path.startsWith('/sim/checkout/')) {
      await checkout(req, res, url, path)
      return true
    }
    return false
  }

  return {
    handle,
    async listen(port = 0, host = '127.0.0.1') {
      const server = createServer((req, res) => {
        handle(req, res)
          .then((handled) => {
            if (!handled) {
              res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' })
              res.end(JSON.stringify({ code: 'NOT_FOUND', message: 'not a simulator path' }))
            }
          })
          .catch((e) => {
            if (!res.headersSent) res.writeHead(500)
            res.end(String(e))
          })
      })
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => resolve())
      })
      const addr = server.address()
      const actualPort = typeof addr === 'object' && addr ? addr.port : port
      return {
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}${basePath}/`,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          })
      }
    },
    pay,
    cancel: (key) => transactionView(ledger.cancel(key)),
    settleRefund,
    requests,
    get deliveries() {
      return notifier.deliveries
    },
    setDeliveryMode: (m) => notifier.setMode(m),
    setKeyMode,
    tamperQueries: (change) => {
      tamper = change
    },
    tamperBillDownloads: (change) => {
      tamperBill = change
    },
    tamperRefunds: (change) => {
      tamperRefund = change
    },
    deliverAgain: (key) => notifier.deliverAgain(key),
    signedNotification(resource, o = {}) {
      const isRefund = typeof resource === 'object' && resource !== null && 'refund_id' in resource
      const eventType = o.eventType ?? (isRefund ? 'REFUND.SUCCESS' : 'TRANSACTION.SUCCESS')
      return notifier.forge(eventType, resource, o)
    },
    idle: () => notifier.idle(),
    get orders() {
      return ledger.orders
    },
    refunds: ledger.refunds,
    close() {
      refundTimers.forEach(clearTimeout)
      refundTimers.clear()
      notifier.close()
      state.close()
    }
  }
}
