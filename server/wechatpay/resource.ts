import { z } from 'zod'
import type { RefundNotice, Transaction } from './types'

/**
 * What a decrypted TRANSACTION.SUCCESS resource must hold before our code reads it: the fields
 * crediting compares with our order, with the types WeChat documents (wechat-tech.md B.4).
 * Fields may be missing where WeChat leaves them out of an unpaid order; whether the values
 * agree with our order is settle's `mismatch`, not this. Other fields pass through untouched.
 * An authentic notification can still fail this (WeChat Pay changing a field, a bug on
 * either side): that is answered as received and flagged for staff, never retried for a day.
 */
export const transactionResource = z
  .object({
    appid: z.string(),
    mchid: z.string(),
    out_trade_no: z.string().min(1),
    transaction_id: z.string().optional(),
    trade_state: z.string(),
    trade_state_desc: z.string().optional(),
    success_time: z.string().optional(),
    payer: z.object({ openid: z.string() }).passthrough().optional(),
    amount: z.object({ total: z.number().int().optional() }).passthrough().optional()
  })
  .passthrough()

export type TransactionResourceCheck = { ok: true; tx: Transaction } | { ok: false; reason: string; outTradeNo: string | null }

/** Checks a decrypted resource; the reason names each field that is off, for the staff record. */
export function readTransactionResource(resource: unknown): TransactionResourceCheck {
  const r = transactionResource.safeParse(resource)
  if (r.success) return { ok: true, tx: r.data as unknown as Transaction }
  return { ok: false, reason: reasonOf(r.error), outTradeNo: outTradeNoOf(resource) }
}

const fen = z.number().int().nonnegative()

/**
 * A decrypted REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED resource (wechat-tech.md B.5:
 * 退款结果通知): the ids that find our refund and the amounts in fen. Other fields pass through.
 */
export const refundResource = z
  .object({
    mchid: z.string(),
    transaction_id: z.string(),
    out_trade_no: z.string().min(1),
    refund_id: z.string().min(1),
    out_refund_no: z.string().min(1),
    refund_status: z.enum(['SUCCESS', 'CLOSED', 'ABNORMAL', 'PROCESSING']),
    success_time: z.string().optional(),
    user_received_account: z.string().optional(),
    amount: z.object({ total: fen, refund: fen, payer_total: fen, payer_refund: fen }).passthrough()
  })
  .passthrough()

export const REFUND_EVENT_TYPES = ['REFUND.SUCCESS', 'REFUND.ABNORMAL', 'REFUND.CLOSED'] as const
export type RefundEventType = (typeof REFUND_EVENT_TYPES)[number]
export const isRefundEvent = (eventType: string): eventType is RefundEventType => (REFUND_EVENT_TYPES as readonly string[]).includes(eventType)

export type RefundResourceCheck = { ok: true; refund: RefundNotice } | { ok: false; reason: string; outTradeNo: string | null }

/**
 * Checks a refund resource, and that it says what its event says: a REFUND.SUCCESS whose
 * resource reads CLOSED is not a refund that succeeded, whichever of the two is wrong.
 */
export function readRefundResource(eventType: RefundEventType, resource: unknown): RefundResourceCheck {
  const r = refundResource.safeParse(resource)
  if (!r.success) return { ok: false, reason: reasonOf(r.error), outTradeNo: outTradeNoOf(resource) }
  if (`REFUND.${r.data.refund_status}` !== eventType) {
    return { ok: false, reason: `refund_status ${r.data.refund_status} contradicts event ${eventType}`, outTradeNo: outTradeNoOf(resource) }
  }
  return { ok: true, refund: r.data as unknown as RefundNotice }
}

/** Each field that is off, for the staff record. */
function reasonOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(resource)'}: ${i.message}`)
    .join('; ')
}

/** The order a resource names, when it names one as a string (any value may come). */
function outTradeNoOf(resource: unknown): string | null {
  const no = resource && typeof resource === 'object' ? (resource as { out_trade_no?: unknown }).out_trade_no : undefined
  return typeof no === 'string' && no ? no.slice(0, 64) : null
}
