import { createHash, createPrivateKey, type KeyObject } from 'crypto'
import { Decorator, Formatter, Rsa } from 'wechatpay-axios-plugin'
import { isFen } from '../../domain/money'
import { rfc3339Shanghai } from './time'
import { PayError, type PayConfig, type Refund, type Transaction } from './types'
import type { PaymentParams } from '../../contracts/api'

export interface JsapiOrder {
  outTradeNo: string
  description: string
  /** fen, integer ≥ 1 */
  total: number
  openid: string
  timeExpire?: Date
  attach?: string
  /** defaults to the configured notify URL */
  notifyUrl?: string
}

/** The paid order to refund: ours (out_trade_no) or WeChat's (transaction_id), exactly one. */
export type RefundTarget = { outTradeNo: string; transactionId?: never } | { transactionId: string; outTradeNo?: never }

export type RefundRequest = RefundTarget & {
  /** ours; the same number is the same refund at WeChat Pay (retry with it, never a new one) */
  outRefundNo: string
  reason?: string
  /** fen: what to refund now, and the original order total */
  amount: { refund: number; total: number }
  /** where REFUND.* notifications go; defaults to the configured notify URL */
  notifyUrl?: string
}

/** What `wx.requestPayment` / `Taro.requestPayment` needs (the mini program ignores `appId`). */
export type { PaymentParams } from '../../contracts/api'

export interface PayClient {
  createJsapiOrder(o: JsapiOrder): Promise<{ prepayId: string }>
  paymentParams(prepayId: string): PaymentParams
  /** null when WeChat has no such order (ORDER_NOT_EXIST) */
  queryOrder(outTradeNo: string): Promise<Transaction | null>
  /** 'paid' when WeChat refuses because the order was paid in the meantime (ORDER_PAID); unknown orders count as closed */
  closeOrder(outTradeNo: string): Promise<'closed' | 'paid'>
  /** Refuses with WeChat's code: INVALID_REQUEST, NOT_ENOUGH, TRADE_OVERDUE, REFUND_FEE_MISMATCH, … (docs/wechatpay.md) */
  createRefund(r: RefundRequest): Promise<Refund>
  /** null when WeChat has no such refund */
  queryRefund(outRefundNo: string): Promise<Refund | null>
  /**
   * The day's trade bill (bill_type ALL) as WeChat Pay wrote it, after its SHA1 matched the one
   * the API announced (else BAD_RESPONSE); parse it with domain/reconciliation/tradebill.ts.
   * null when WeChat has no bill for the day (NO_STATEMENT_EXIST: no trade that day).
   * `day` is a Beijing-time date, 'YYYY-MM-DD', before today.
   */
  tradeBill(day: string): Promise<string | null>
}

const TIMEOUT_MS = 10_000
const BILL_DAY = /^\d{4}-\d\d-\d\d$/
const NOT_FOUND = new Set(['ORDER_NOT_EXIST', 'ORDERNOTEXIST', 'RESOURCE_NOT_EXISTS'])
const ALREADY_PAID = new Set(['ORDER_PAID', 'ORDERPAID'])

/**
 * API v3 client on wechatpay-axios-plugin: every request is signed with the merchant key, every
 * 2xx answer must carry a valid signature by one of WeChat Pay's keys, chosen by the serial the
 * answer names (otherwise PayError BAD_RESPONSE_SIGNATURE). Errors are always PayError.
 *
 * With a public key id configured, each request carries `Wechatpay-Serial: PUB_KEY_ID_…`: while a
 * merchant switches from platform certificates, WeChat Pay signs an answer with the public key
 * only when asked this way (wechat-tech.md F; pay.weixin.qq.com/doc/v3/merchant/4012154180).
 */
export function createPayClient(cfg: PayConfig): PayClient {
  const merchantKey = createPrivateKey(cfg.merchantPrivateKey)
  // The plugin mutates the object it is given (keys become KeyObjects), so hand it a fresh one.
  const http = new Decorator({
    mchid: cfg.mchid,
    serial: cfg.merchantSerial,
    privateKey: cfg.merchantPrivateKey,
    certs: { ...cfg.platformKeys },
    baseURL: cfg.baseURL,
    // axios would otherwise honour HTTP(S)_PROXY, which breaks the loopback simulator (wechat-tech.md A.7)
    proxy: false,
    timeout: TIMEOUT_MS
  }).v3

  // the plugin does not send it by itself (0.9.6)
  const headers = cfg.publicKeyId ? { 'Wechatpay-Serial': cfg.publicKeyId } : {}

  async function call<T>(
    method: 'GET' | 'POST',
    url: string,
    data?: object,
    params?: object,
    responseType?: 'arraybuffer'
  ): Promise<{ status: number; data: T }> {
    try {
      const res = await http.request({ method, url, data, params, headers, ...(responseType ? { responseType } : {}) })
      return { status: res.status, data: res.data as T }
    } catch (e) {
      throw toPayError(e)
    }
  }

  const tradePath = (no: string) => `v3/pay/transactions/out-trade-no/${encodeURIComponent(no)}`

  return {
    async createJsapiOrder(o) {
      requireFen(o.total, 'total')
      const { data } = await call<{ prepay_id?: unknown }>('POST', 'v3/pay/transactions/jsapi', {
        appid: cfg.appid,
        mchid: cfg.mchid,
        description: o.description,
        out_trade_no: o.outTradeNo,
        ...(o.timeExpire ? { time_expire: rfc3339Shanghai(o.timeExpire) } : {}),
        ...(o.attach !== undefined ? { attach: o.attach } : {}),
        notify_url: o.notifyUrl ?? cfg.notifyUrl,
        amount: { total: o.total, currency: 'CNY' },
        payer: { openid: o.openid }
      })
      if (typeof data?.prepay_id !== 'string' || !data.prepay_id) throw badResponse('prepay_id missing')
      return { prepayId: data.prepay_id }
    },

    paymentParams(prepayId) {
      return signPaymentParams(cfg.appid, merchantKey, prepayId, String(Formatter.timestamp()), Formatter.nonce())
    },

    async queryOrder(outTradeNo) {
      try {
        const { data } = await call<Transaction>('GET', tradePath(outTradeNo), undefined, { mchid: cfg.mchid })
        if (data?.out_trade_no !== outTradeNo || data.mchid !== cfg.mchid || typeof data.trade_state !== 'string') {
          throw badResponse('query-order answer does not describe the requested order')
        }
        return data
      } catch (e) {
        if (e instanceof PayError && NOT_FOUND.has(e.code)) return null
        throw e
      }
    },

    async closeOrder(outTradeNo) {
      try {
        await call('POST', `${tradePath(outTradeNo)}/close`, { mchid: cfg.mchid })
        return 'closed'
      } catch (e) {
        if (e instanceof PayError && ALREADY_PAID.has(e.code)) return 'paid'
        // WeChat never saw the order (e.g. our create call failed): nobody can pay it, same as closed
        if (e instanceof PayError && (NOT_FOUND.has(e.code) || e.code === 'ORDER_CLOSED')) return 'closed'
        throw e
      }
    },

    async createRefund(r) {
      const { refund, total } = r.amount
      requireFen(refund, 'amount.refund')
      requireFen(total, 'amount.total')
      if (refund > total) throw new PayError('PARAM_ERROR', `refund ${refund} exceeds total ${total}`)
      // the type allows only one; a plain-JS caller could still send both and refund the wrong order
      if ((r.outTradeNo === undefined) === (r.transactionId === undefined)) {
        throw new PayError('PARAM_ERROR', 'give exactly one of outTradeNo and transactionId')
      }
      const { data } = await call<Refund>('POST', 'v3/refund/domestic/refunds', {
        ...(r.outTradeNo !== undefined ? { out_trade_no: r.outTradeNo } : { transaction_id: r.transactionId }),
        out_refund_no: r.outRefundNo,
        ...(r.reason ? { reason: r.reason } : {}),
        notify_url: r.notifyUrl ?? cfg.notifyUrl,
        amount: { refund, total, currency: 'CNY' }
      })
      const answer = checkRefund(data, r.outRefundNo)
      if (answer.amount.refund !== refund || (r.outTradeNo !== undefined ? answer.out_trade_no !== r.outTradeNo : answer.transaction_id !== r.transactionId)) {
        throw badResponse('refund answer names another order or amount')
      }
      return answer
    },

    async tradeBill(day) {
      if (!BILL_DAY.test(day)) throw new PayError('PARAM_ERROR', `bill day must be YYYY-MM-DD, got ${day}`)
      let bill: { hash_type?: unknown; hash_value?: unknown; download_url?: unknown }
      try {
        bill = (await call<typeof bill>('GET', 'v3/bill/tradebill', undefined, { bill_date: day, bill_type: 'ALL' })).data
      } catch (e) {
        if (e instanceof PayError && e.code === 'NO_STATEMENT_EXIST') return null
        throw e
      }
      if (typeof bill?.download_url !== 'string' || bill.hash_type !== 'SHA1' || typeof bill.hash_value !== 'string') {
        throw badResponse('tradebill answer has no download_url or SHA1 hash')
      }
      // bytes, not text: axios would drop a BOM from text, and the hash is over what was sent
      const { data } = await call<ArrayBuffer | Buffer>('GET', bill.download_url, undefined, undefined, 'arraybuffer')
      const bytes = Buffer.from(data as ArrayBuffer)
      // the download itself is not signed by WeChat Pay: this hash, from a signed answer, is what proves it
      if (createHash('sha1').update(bytes).digest('hex') !== bill.hash_value.toLowerCase()) {
        throw badResponse('the downloaded bill does not match its SHA1')
      }
      return bytes.toString('utf8')
    },

    async queryRefund(outRefundNo) {
      try {
        const { data } = await call<Refund>('GET', `v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`)
        return checkRefund(data, outRefundNo)
      } catch (e) {
        if (e instanceof PayError && NOT_FOUND.has(e.code)) return null
        throw e
      }
    }
  }
}

/**
 * JSAPI / mini-program paySign: RSA-SHA256 over `appId\ntimeStamp\nnonceStr\nprepay_id=…\n`.
 * Exported with explicit time and nonce so the official test vector can pin it.
 */
export function signPaymentParams(
  appId: string,
  merchantKey: KeyObject | string,
  prepayId: string,
  timeStamp: string,
  nonceStr: string
): PaymentParams {
  const pkg = `prepay_id=${prepayId}`
  const paySign = Rsa.sign(Formatter.joinedByLineFeed(appId, timeStamp, nonceStr, pkg), merchantKey)
  return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign }
}

function requireFen(n: number, what: string): void {
  if (!isFen(n) || n < 1) throw new PayError('PARAM_ERROR', `${what} must be an integer number of fen ≥ 1, got ${n}`)
}

function checkRefund(data: Refund, outRefundNo: string): Refund {
  if (data?.out_refund_no !== outRefundNo || typeof data.status !== 'string' || typeof data.amount?.refund !== 'number') {
    throw badResponse('refund answer does not describe the requested refund')
  }
  return data
}

function badResponse(why: string): PayError {
  return new PayError('BAD_RESPONSE', `WeChat Pay answered 2xx but ${why}`)
}

/** Folds the plugin's and axios' failure shapes into one PayError. */
function toPayError(e: unknown): PayError {
  if (e instanceof PayError) return e
  const err = (e ?? {}) as { code?: unknown; message?: string; response?: { status?: number; data?: unknown } }
  const message = err.message ?? String(e)
  // EV3_RES_* = the plugin rejected a 2xx answer: missing headers, clock skew, unknown serial or bad signature
  if (typeof err.code === 'string' && err.code.startsWith('EV3_RES_')) {
    return new PayError('BAD_RESPONSE_SIGNATURE', message, err.response?.status)
  }
  const status = err.response?.status
  if (status) {
    const body = (typeof err.response?.data === 'object' && err.response?.data) || {}
    const { code, message: why } = body as { code?: unknown; message?: unknown }
    return new PayError(
      typeof code === 'string' && code ? code : `HTTP_${status}`,
      typeof why === 'string' && why ? why : message,
      status
    )
  }
  return new PayError('NETWORK', message)
}
