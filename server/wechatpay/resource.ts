import { z } from 'zod'
import type { Transaction } from './types'

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
  const no = (resource as { out_trade_no?: unknown } | null)?.out_trade_no
  const reason = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(resource)'}: ${i.message}`)
    .join('; ')
  return { ok: false, reason, outTradeNo: typeof no === 'string' && no ? no.slice(0, 64) : null }
}
