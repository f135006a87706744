import { type Fen, fen, allocate } from '../money'
import { addDays, parseInstant } from '../time'
import { RefundError } from './policy'
import type { LotRefund } from './rule'

/**
 * Which WeChat Pay payments a refund goes back through (原路退回, E9, A11), and what must be
 * paid out by hand. WeChat Pay refunds a payment only (wechat-tech.md B.5, domain rules E9):
 * - within 1 year of payment — we send while now < paidAt + 365 days, and treat the instant of
 *   the 365th day as too late (a request that WeChat refuses would strand the money);
 * - up to 50 partial refunds per payment, their sum ≤ the payment;
 * - one refund per out_refund_no (≤ 64 chars of [0-9a-zA-Z_-|*@]): the same number on a retry
 *   never refunds twice;
 * - ≥ 1 minute between refunds of the same payment.
 * What WeChat Pay cannot take becomes a manual payout part to a same-name account (A11).
 */
export const WECHAT_REFUND_DAYS = 365
export const WECHAT_MAX_REFUNDS_PER_PAYMENT = 50
export const WECHAT_REFUND_SPACING_MS = 60_000
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/

/** What WeChat Pay has already done with one recharge payment. */
export interface PaymentState {
  outTradeNo: string
  transactionId: string
  paidAt: string
  /** amount.total of the payment */
  total: Fen
  /** sum of its refunds that succeeded or are still in flight */
  refunded: Fen
  /** refund requests already made on it (each out_refund_no counts once) */
  refundCount: number
  lastRefundAt?: string
}

/** The value one part of a refund takes from the member while in flight (principal + bonus = amount + forfeited). */
export interface Held {
  principal: Fen
  bonus: Fen
  forfeited: Fen
}

export type ManualReason = 'older_than_365_days' | 'refund_count_exhausted' | 'payment_refunded'

export type RefundPart =
  | ({ kind: 'wechat'; lotId: string; storeId: string; outTradeNo: string; transactionId: string; outRefundNo: string; amount: Fen; total: Fen; notBefore: string | null } & Held)
  | ({ kind: 'manual'; lotId: string; storeId: string; outTradeNo: string; outRefundNo: string; amount: Fen; reason: ManualReason } & Held)

/**
 * The number of the refund of `refundId` on payment `outTradeNo`: a function of the two and
 * nothing else, so a retried request, a restarted function or the sweeper always send the same
 * number and WeChat Pay refunds once.
 */
export function outRefundNo(refundId: string, outTradeNo: string, manual = false): string {
  const no = `${refundId}${manual ? '-M-' : '-'}${outTradeNo}`
  if (!OUT_REFUND_NO.test(no)) throw new RefundError('BAD_REFUND_ID', `out_refund_no must be ≤64 chars of [0-9a-zA-Z_-|*@]: ${no}`)
  return no
}

function manualReason(p: PaymentState, now: Date): ManualReason | null {
  if (now.getTime() >= addDays(parseInstant(p.paidAt), WECHAT_REFUND_DAYS).getTime()) return 'older_than_365_days'
  if (p.refundCount >= WECHAT_MAX_REFUNDS_PER_PAYMENT) return 'refund_count_exhausted'
  if (p.total - p.refunded <= 0) return 'payment_refunded'
  return null
}

/** Splits what a lot holds over its parts in proportion to their cash, exactly (largest remainder). */
function splitHeld(lot: LotRefund, amounts: readonly Fen[]): Held[] {
  const forfeits = lot.refund > 0 ? allocate(lot.forfeited, amounts) : amounts.map(() => fen(0))
  const weights = amounts.map((a, i) => a + forfeits[i])
  const principals = allocate(lot.principal, weights)
  return weights.map((w, i) => ({ principal: principals[i], bonus: fen(w - principals[i]), forfeited: forfeits[i] }))
}

/**
 * Parts for a quoted refund: each lot's cash goes back through the payment that bought the lot
 * (A10: to the exact source), as much as that payment can still take; the rest of the lot is a
 * manual part. Each part is ≤ what its payment has left, a payment gets at most one part per
 * refund, and the parts add up to the quote.
 */
export function allocateRefund(refundId: string, lots: readonly LotRefund[], payments: readonly PaymentState[], now: Date): RefundPart[] {
  const byNo = new Map(payments.map((p) => [p.outTradeNo, p]))
  const parts: RefundPart[] = []
  const seen = new Set<string>()
  for (const lot of lots) {
    const p = byNo.get(lot.outTradeNo)
    if (!p) throw new RefundError('UNKNOWN_PAYMENT', `no payment ${lot.outTradeNo} for lot ${lot.lotId}`)
    // one lot per payment (lot:<out_trade_no>): a second would reuse the out_refund_no and the room
    if (seen.has(p.outTradeNo)) throw new RefundError('BAD_LOT', `two lots name payment ${p.outTradeNo}`)
    seen.add(p.outTradeNo)
    const reason = manualReason(p, now)
    const viaWechat = reason ? 0 : Math.min(lot.refund, p.total - p.refunded)
    const byHand = lot.refund - viaWechat
    const amounts = [fen(viaWechat), fen(byHand)].filter((a) => a > 0)
    const held = splitHeld(lot, amounts)
    let i = 0
    const base = { lotId: lot.lotId, storeId: lot.storeId, outTradeNo: lot.outTradeNo }
    if (viaWechat > 0) {
      const spacing = p.lastRefundAt ? parseInstant(p.lastRefundAt).getTime() + WECHAT_REFUND_SPACING_MS : 0
      parts.push({
        kind: 'wechat',
        ...base,
        transactionId: p.transactionId,
        outRefundNo: outRefundNo(refundId, p.outTradeNo),
        amount: fen(viaWechat),
        total: p.total,
        notBefore: spacing > now.getTime() ? new Date(spacing).toISOString() : null,
        ...held[i++]
      })
    }
    if (byHand > 0) {
      parts.push({
        kind: 'manual',
        ...base,
        outRefundNo: outRefundNo(refundId, p.outTradeNo, true),
        amount: fen(byHand),
        reason: reason ?? 'payment_refunded',
        ...held[i++]
      })
    }
  }
  return parts
}
