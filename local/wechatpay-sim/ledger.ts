/**
 * The simulator's books: orders and refunds with WeChat's validation rules
 * (wechat-tech.md B.4–B.7). No HTTP here; every operation is synchronous, so each one is
 * atomic just like a single WeChat API call.
 */
import type { Refund, RefundNotice, TradeState, Transaction } from '../../server/wechatpay/types'
import { rfc3339Shanghai } from '../../server/wechatpay/time'
import { digits, randomHex } from './crypto'
import { openSimState, type SimState } from './state'

export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

export interface SimOrder {
  outTradeNo: string
  prepayId: string
  prepayIssuedAt: number
  appid: string
  mchid: string
  description: string
  notifyUrl: string
  attach?: string
  timeExpire?: string
  expiresAt: number
  total: number
  openid: string
  tradeState: TradeState
  createdAt: number
  transactionId?: string
  successTime?: string
  payerTotal?: number
  /** Σ refund amounts not CLOSED (what is no longer refundable; an ABNORMAL refund is still owed to the payer) */
  refunded: number
  /** canonical JSON of the create request, to detect a reused out_trade_no */
  fingerprint: string
}

export interface SimRefund {
  refundId: string
  outRefundNo: string
  outTradeNo: string
  transactionId: string
  refund: number
  total: number
  reason?: string
  notifyUrl?: string
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL'
  createTime: string
  successTime?: string
  fingerprint: string
}

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/
const PREPAY_TTL_MS = 2 * 3600_000
const UNPAID_TTL_MS = 7 * 24 * 3600_000
/** refunds are accepted up to one year after payment (wechat-tech.md B.5; docs/wechatpay.md "Refund rules") */
export const REFUND_WINDOW_MS = 365 * 24 * 3600_000
/** at most 50 refunds per order ("每个支付订单的部分退款次数不能超过50次") */
export const MAX_REFUNDS_PER_ORDER = 50

const STATE_DESC: Record<TradeState, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  REVOKED: '已撤销',
  USERPAYING: '用户支付中',
  PAYERROR: '支付失败'
}

const param = (message: string) => new SimError(400, 'PARAM_ERROR', message)
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x)

function checkUrl(x: unknown, field: string): string {
  if (typeof x !== 'string' || !x) throw param(`缺少参数 ${field}`)
  let u: URL
  try {
    u = new URL(x)
  } catch {
    throw param(`${field} 格式错误`)
  }
  // WeChat wants a directly reachable URL without query string; plain http is allowed here for local use
  if (!/^https?:$/.test(u.protocol) || u.search) throw param(`${field} 必须为不带参数的 http(s) 地址`)
  return x
}

/**
 * `state` keeps the books across restarts: every change is written before the call that made it
 * returns (so before the simulator answers), and the books are read back on creation.
 */
export function createLedger(cfg: { mchid: string; appid: string }, now: () => number, state: SimState = openSimState()) {
  const orders = new Map<string, SimOrder>(state.all<SimOrder>('order'))
  const refunds = new Map<string, SimRefund>(state.all<SimRefund>('refund'))
  const prepays = new Map<string, { outTradeNo: string; issuedAt: number }>(state.all('prepay'))
  const saveOrder = (o: SimOrder) => state.put('order', o.outTradeNo, o)
  const saveRefund = (r: SimRefund) => state.put('refund', r.outRefundNo, r)

  function newPrepay(outTradeNo: string): { prepayId: string; issuedAt: number } {
    // wx + yyyyMMddHHmmss + 20 chars, the shape of WeChat's prepay ids
    const stamp = rfc3339Shanghai(now()).slice(0, 19).replace(/\D/g, '')
    const prepayId = `wx${stamp}${randomHex(10)}`
    const issuedAt = now()
    prepays.set(prepayId, { outTradeNo, issuedAt })
    state.put('prepay', prepayId, { outTradeNo, issuedAt })
    return { prepayId, issuedAt }
  }

  /** Orders expire lazily: an unpaid order past time_expire (default 7 days) is closed by WeChat. */
  function refresh(o: SimOrder): SimOrder {
    if (o.tradeState === 'NOTPAY' && now() > o.expiresAt) o.tradeState = 'CLOSED'
    return o
  }

  function order(outTradeNo: string): SimOrder {
    const o = orders.get(outTradeNo)
    if (!o) throw new SimError(404, 'ORDER_NOT_EXIST', '订单不存在')
    return refresh(o)
  }

  function orderByKey(key: string): SimOrder {
    const p = prepays.get(key)
    return order(p ? p.outTradeNo : key)
  }

  function checkMchid(mchid: unknown): void {
    if (typeof mchid !== 'string' || !mchid) throw param('缺少参数 mchid')
    if (mchid !== cfg.mchid) throw new SimError(400, 'MCH_NOT_EXISTS', '商户号不存在')
  }

  return {
    /** Read access for tests; expired orders are closed first, as any WeChat read would show. */
    get orders(): ReadonlyMap<string, SimOrder> {
      orders.forEach(refresh)
      return orders
    },
    refunds: refunds as ReadonlyMap<string, SimRefund>,
    order,
    orderByKey,

    prepayAge(prepayId: string): number | undefined {
      const p = prepays.get(prepayId)
      return p ? now() - p.issuedAt : undefined
    },

    /** POST /v3/pay/transactions/jsapi */
    createJsapi(body: unknown, authMchid: string): SimOrder {
      if (!isObj(body)) throw param('请求体不是 JSON 对象')
      const { appid, mchid, description, out_trade_no, time_expire, attach, notify_url, amount, payer } = body
      if (typeof appid !== 'string' || !appid) throw param('缺少参数 appid')
      checkMchid(mchid)
      if (mchid !== authMchid) throw param('mchid 与签名中的商户号不一致')
      if (appid !== cfg.appid) throw new SimError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配')
      if (typeof description !== 'string' || !description || [...description].length > 127) {
        throw param('description 必填，且不超过127个字符')
      }
      if (typeof out_trade_no !== 'string' || !OUT_TRADE_NO.test(out_trade_no)) {
        throw param('out_trade_no 要求6-32个字符内，只能是数字、大小写字母_-|*')
      }
      let expiresAt = now() + UNPAID_TTL_MS
      if (time_expire !== undefined) {
        if (typeof time_expire !== 'string' || !RFC3339.test(time_expire) || Number.isNaN(Date.parse(time_expire))) {
          throw param('time_expire 格式错误，应为 RFC3339')
        }
        expiresAt = Date.parse(time_expire)
        if (expiresAt <= now()) throw param('time_expire 早于当前时间')
      }
      if (attach !== undefined && (typeof attach !== 'string' || [...attach].length > 128)) throw param('attach 不超过128个字符')
      const notifyUrl = checkUrl(notify_url, 'notify_url')
      if (!isObj(amount) || !isInt(amount.total) || amount.total < 1) throw param('amount.total 必须为大于0的整数（单位：分）')
      if (amount.currency !== undefined && amount.currency !== 'CNY') throw param('amount.currency 仅支持 CNY')
      if (!isObj(payer) || typeof payer.openid !== 'string' || !payer.openid) throw param('缺少参数 payer.openid')

      const fingerprint = JSON.stringify([appid, description, time_expire ?? null, attach ?? null, notifyUrl, amount.total, payer.openid])
      const existing = orders.get(out_trade_no)
      if (existing) {
        refresh(existing)
        if (existing.fingerprint !== fingerprint) throw new SimError(403, 'OUT_TRADE_NO_USED', '商户订单号重复，且请求参数与原订单不一致')
        if (existing.tradeState === 'SUCCESS' || existing.tradeState === 'REFUND') throw new SimError(403, 'ORDER_PAID', '订单已支付')
        if (existing.tradeState === 'CLOSED') throw new SimError(400, 'ORDER_CLOSED', '订单已关闭')
        // same parameters again: WeChat hands out the prepay_id again while it is valid (2 h)
        if (now() - existing.prepayIssuedAt > PREPAY_TTL_MS) {
          const p = newPrepay(out_trade_no)
          existing.prepayId = p.prepayId
          existing.prepayIssuedAt = p.issuedAt
          saveOrder(existing)
        }
        return existing
      }
      const p = newPrepay(out_trade_no)
      const o: SimOrder = {
        outTradeNo: out_trade_no,
        prepayId: p.prepayId,
        prepayIssuedAt: p.issuedAt,
        appid,
        mchid,
        description,
        notifyUrl,
        attach: attach as string | undefined,
        timeExpire: time_expire as string | undefined,
        expiresAt,
        total: amount.total,
        openid: payer.openid,
        tradeState: 'NOTPAY',
        createdAt: now(),
        refunded: 0,
        fingerprint
      }
      orders.set(out_trade_no, o)
      saveOrder(o)
      return o
    },

    /** GET …/out-trade-no/{no}?mchid= */
    query(outTradeNo: string, mchid: string | null): SimOrder {
      checkMchid(mchid)
      return order(outTradeNo)
    },

    /** GET …/id/{transaction_id}?mchid= */
    queryByTransactionId(transactionId: string, mchid: string | null): SimOrder {
      checkMchid(mchid)
      for (const o of orders.values()) if (o.transactionId === transactionId) return refresh(o)
      throw new SimError(404, 'ORDER_NOT_EXIST', '订单不存在')
    },

    /** POST …/out-trade-no/{no}/close — re-entrant; refused once paid */
    close(outTradeNo: string, body: unknown): void {
      checkMchid(isObj(body) ? body.mchid : undefined)
      const o = order(outTradeNo)
      if (o.tradeState === 'SUCCESS' || o.tradeState === 'REFUND') throw new SimError(403, 'ORDER_PAID', '订单已支付，不能关闭')
      o.tradeState = 'CLOSED'
      saveOrder(o)
    },

    /** The payer confirms. Returns true when the order changed (false: it was already paid). */
    pay(key: string, opts: { payerTotal?: number } = {}): { order: SimOrder; changed: boolean } {
      const o = orderByKey(key)
      if (o.tradeState === 'SUCCESS' || o.tradeState === 'REFUND') return { order: o, changed: false }
      if (o.tradeState !== 'NOTPAY') throw new SimError(400, 'ORDER_CLOSED', '订单已关闭')
      const p = prepays.get(key)
      if (p && now() - p.issuedAt > PREPAY_TTL_MS) throw new SimError(400, 'PREPAY_EXPIRED', 'prepay_id 已过期')
      const payerTotal = opts.payerTotal ?? o.total
      if (!isInt(payerTotal) || payerTotal < 0 || payerTotal > o.total) throw param('payerTotal 超出订单金额')
      const t = now()
      o.tradeState = 'SUCCESS'
      o.successTime = rfc3339Shanghai(t)
      o.payerTotal = payerTotal
      // 28 digits like 4200000560202005168434734774: 4200 + 6 + yyyyMMdd + 10
      o.transactionId = `4200${digits(6)}${rfc3339Shanghai(t).slice(0, 10).replace(/-/g, '')}${digits(10)}`
      saveOrder(o)
      return { order: o, changed: true }
    },

    /** The payer backs out: nothing changes at WeChat, the order stays NOTPAY. */
    cancel(key: string): SimOrder {
      return orderByKey(key)
    },

    /** POST /v3/refund/domestic/refunds */
    createRefund(body: unknown): { refund: SimRefund; created: boolean } {
      if (!isObj(body)) throw param('请求体不是 JSON 对象')
      const { transaction_id, out_trade_no, out_refund_no, reason, notify_url, amount } = body
      if (typeof out_refund_no !== 'string' || !OUT_REFUND_NO.test(out_refund_no)) {
        throw param('out_refund_no 要求64个字符内，只能是数字、大小写字母_-|*@')
      }
      if (typeof transaction_id !== 'string' && typeof out_trade_no !== 'string') throw param('transaction_id 和 out_trade_no 必须二选一')
      if (reason !== undefined && (typeof reason !== 'string' || [...reason].length > 80)) throw param('reason 不超过80个字符')
      const notifyUrl = notify_url === undefined ? undefined : checkUrl(notify_url, 'notify_url')
      if (!isObj(amount) || !isInt(amount.refund) || amount.refund < 1 || !isInt(amount.total) || amount.total < 1) {
        throw param('amount.refund 与 amount.total 必须为大于0的整数（单位：分）')
      }
      if (amount.currency !== 'CNY') throw param('amount.currency 必填，仅支持 CNY')

      let o: SimOrder | undefined
      if (typeof transaction_id === 'string') {
        o = [...orders.values()].find((x) => x.transactionId === transaction_id)
      } else {
        o = orders.get(out_trade_no as string)
      }
      if (!o) throw new SimError(404, 'RESOURCE_NOT_EXISTS', '订单不存在')
      refresh(o)

      const fingerprint = JSON.stringify([o.outTradeNo, amount.refund, amount.total])
      const existing = refunds.get(out_refund_no)
      if (existing) {
        // the same out_refund_no is one refund: repeat answers, different parameters are refused
        if (existing.fingerprint !== fingerprint) throw new SimError(400, 'REFUND_FEE_MISMATCH', '订单金额或退款金额与之前请求不一致，请核实后再试')
        return { refund: existing, created: false }
      }
      if (o.tradeState !== 'SUCCESS' && o.tradeState !== 'REFUND') throw new SimError(400, 'INVALID_REQUEST', '订单未支付，不能退款')
      if (amount.total !== o.total) throw param('amount.total 与原订单金额不一致')
      if (now() - Date.parse(o.successTime as string) > REFUND_WINDOW_MS) {
        throw new SimError(400, 'TRADE_OVERDUE', '订单已经超过可退款的最大期限(支付后一年内可退款)')
      }
      if (o.refunded + amount.refund > o.total) throw new SimError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额')
      // every application counts, closed ones too: WeChat limits refund requests per order, not money
      let count = 0
      for (const x of refunds.values()) if (x.outTradeNo === o.outTradeNo) count++
      if (count >= MAX_REFUNDS_PER_ORDER) throw new SimError(400, 'INVALID_REQUEST', `退款次数超过限制，每笔订单最多${MAX_REFUNDS_PER_ORDER}次部分退款`)

      const t = now()
      const r: SimRefund = {
        // 29 digits like 50300604212020051600550537447
        refundId: `503${digits(7)}${rfc3339Shanghai(t).slice(0, 10).replace(/-/g, '')}${digits(11)}`,
        outRefundNo: out_refund_no,
        outTradeNo: o.outTradeNo,
        transactionId: o.transactionId as string,
        refund: amount.refund,
        total: amount.total,
        reason: reason as string | undefined,
        notifyUrl,
        status: 'PROCESSING',
        createTime: rfc3339Shanghai(t),
        fingerprint
      }
      o.refunded += r.refund
      refunds.set(out_refund_no, r)
      state.atomically(() => {
        saveOrder(o as SimOrder)
        saveRefund(r)
      })
      return { refund: r, created: true }
    },

    /** PROCESSING → a final state; a CLOSED refund gives its amount back to the order. */
    settleRefund(outRefundNo: string, status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = 'SUCCESS'): SimRefund {
      const r = refunds.get(outRefundNo)
      if (!r) throw new SimError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在')
      if (r.status !== 'PROCESSING') return r
      r.status = status
      const o = orders.get(r.outTradeNo) as SimOrder
      if (status === 'SUCCESS') {
        r.successTime = rfc3339Shanghai(now())
        o.tradeState = 'REFUND'
      } else if (status === 'CLOSED') {
        o.refunded -= r.refund
      }
      // ABNORMAL keeps its amount: the money is on its way and is sent on by hand (merchant
      // platform or the abnormal-refund API), not refundable a second time
      state.atomically(() => {
        saveOrder(o)
        saveRefund(r)
      })
      return r
    },

    refund(outRefundNo: string): SimRefund {
      const r = refunds.get(outRefundNo)
      if (!r) throw new SimError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在')
      return r
    }
  }
}

export type Ledger = ReturnType<typeof createLedger>

/** The order as the query API and TRANSACTION.SUCCESS present it. */
export function transactionView(o: SimOrder): Transaction {
  const paid = o.transactionId !== undefined && (o.tradeState === 'SUCCESS' || o.tradeState === 'REFUND')
  return {
    appid: o.appid,
    mchid: o.mchid,
    out_trade_no: o.outTradeNo,
    ...(paid ? { transaction_id: o.transactionId, trade_type: 'JSAPI' as const } : {}),
    trade_state: o.tradeState,
    trade_state_desc: STATE_DESC[o.tradeState],
    ...(paid ? { bank_type: 'OTHERS' } : {}),
    ...(o.attach !== undefined ? { attach: o.attach } : {}),
    ...(paid ? { success_time: o.successTime, payer: { openid: o.openid } } : {}),
    amount: paid
      ? { total: o.total, payer_total: o.payerTotal, currency: 'CNY', payer_currency: 'CNY' }
      : { total: o.total, currency: 'CNY', payer_currency: 'CNY' }
  }
}

function payerRefund(r: SimRefund, o: SimOrder): number {
  const payerTotal = o.payerTotal ?? o.total
  return payerTotal === o.total ? r.refund : Math.floor((r.refund * payerTotal) / o.total)
}

export function refundView(r: SimRefund, o: SimOrder): Refund {
  const payer = payerRefund(r, o)
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(r.successTime ? { success_time: r.successTime } : {}),
    create_time: r.createTime,
    status: r.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: r.total,
      refund: r.refund,
      payer_total: o.payerTotal ?? o.total,
      payer_refund: payer,
      settlement_total: r.total,
      settlement_refund: r.refund,
      discount_refund: r.refund - payer,
      currency: 'CNY',
      refund_fee: 0
    }
  }
}

export function refundNoticeView(r: SimRefund, o: SimOrder): RefundNotice {
  return {
    mchid: o.mchid,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    refund_status: r.status,
    ...(r.successTime ? { success_time: r.successTime } : {}),
    user_received_account: '支付用户零钱',
    amount: { total: r.total, refund: r.refund, payer_total: o.payerTotal ?? o.total, payer_refund: payerRefund(r, o) }
  }
}
