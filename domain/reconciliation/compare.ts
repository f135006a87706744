import type { Fen } from '../money'
import type { BillRow } from './tradebill'

/**
 * One day's WeChat Pay trade bill against our ledger (issue 11 "Reconciliation"). Pure: the caller
 * lists our side for the same Beijing day the bill covers (recharges by WeChat Pay's success time,
 * refunds by their success time), and gets every difference back. What it can repair (a lost
 * payment or refund notification: the idempotent crediting/posting paths) and what it flags for
 * staff is the caller's choice; `repairable` says which is which.
 */
export interface LedgerPayment {
  outTradeNo: string
  transactionId: string | null
  /** amount.total we credited */
  amount: Fen
}

export interface LedgerRefund {
  outRefundNo: string
  outTradeNo: string
  amount: Fen
  /** posted = settled in the ledger; in_flight = held, waiting for WeChat Pay's answer */
  state: 'posted' | 'in_flight'
}

export type Difference =
  | { kind: 'paid_not_credited'; outTradeNo: string; transactionId: string; amount: Fen; repairable: true }
  | { kind: 'credited_not_paid'; outTradeNo: string; amount: Fen; repairable: false }
  | { kind: 'payment_amount_differs'; outTradeNo: string; bill: Fen; ledger: Fen; repairable: false }
  | { kind: 'transaction_id_differs'; outTradeNo: string; bill: string; ledger: string; repairable: false }
  | { kind: 'refunded_not_posted'; outRefundNo: string; outTradeNo: string; amount: Fen; repairable: boolean }
  | { kind: 'posted_not_refunded'; outRefundNo: string; amount: Fen; repairable: false }
  | { kind: 'refund_amount_differs'; outRefundNo: string; bill: Fen; ledger: Fen; repairable: false }
  | { kind: 'duplicate_in_bill'; key: string; repairable: false }

export interface CompareOptions {
  /** which of the merchant's WeChat Pay orders are stored-value recharges (the mchid may sell other things) */
  isOurs?: (outTradeNo: string) => boolean
}

export function compareBill(bill: readonly BillRow[], payments: readonly LedgerPayment[], refunds: readonly LedgerRefund[], opts: CompareOptions = {}): Difference[] {
  const ours = opts.isOurs ?? (() => true)
  const out: Difference[] = []
  const paid = new Map<string, BillRow>()
  const refunded = new Map<string, BillRow>()
  for (const r of bill) {
    if (!ours(r.outTradeNo)) continue
    if (r.tradeState === 'SUCCESS') {
      if (paid.has(r.outTradeNo)) out.push({ kind: 'duplicate_in_bill', key: r.outTradeNo, repairable: false })
      else paid.set(r.outTradeNo, r)
    } else if (r.tradeState === 'REFUND' && r.outRefundNo && r.refundStatus === 'SUCCESS') {
      if (refunded.has(r.outRefundNo)) out.push({ kind: 'duplicate_in_bill', key: r.outRefundNo, repairable: false })
      else refunded.set(r.outRefundNo, r)
    }
  }
  const credited = new Map(payments.map((p) => [p.outTradeNo, p]))
  for (const [no, r] of paid) {
    const p = credited.get(no)
    if (!p) out.push({ kind: 'paid_not_credited', outTradeNo: no, transactionId: r.transactionId, amount: r.orderTotal, repairable: true })
    else {
      if (p.amount !== r.orderTotal) out.push({ kind: 'payment_amount_differs', outTradeNo: no, bill: r.orderTotal, ledger: p.amount, repairable: false })
      if (p.transactionId !== null && p.transactionId !== r.transactionId) out.push({ kind: 'transaction_id_differs', outTradeNo: no, bill: r.transactionId, ledger: p.transactionId, repairable: false })
    }
  }
  for (const p of payments) if (ours(p.outTradeNo) && !paid.has(p.outTradeNo)) out.push({ kind: 'credited_not_paid', outTradeNo: p.outTradeNo, amount: p.amount, repairable: false })
  const ledgerRefunds = new Map(refunds.map((r) => [r.outRefundNo, r]))
  for (const [no, r] of refunded) {
    const l = ledgerRefunds.get(no)
    // an in-flight refund whose success we missed is repaired by the refund query path; one we never asked for is not ours to post
    if (!l || l.state === 'in_flight') out.push({ kind: 'refunded_not_posted', outRefundNo: no, outTradeNo: r.outTradeNo, amount: r.refundApplied, repairable: !!l })
    if (l && l.amount !== r.refundApplied) out.push({ kind: 'refund_amount_differs', outRefundNo: no, bill: r.refundApplied, ledger: l.amount, repairable: false })
  }
  for (const l of refunds) if (l.state === 'posted' && !refunded.has(l.outRefundNo)) out.push({ kind: 'posted_not_refunded', outRefundNo: l.outRefundNo, amount: l.amount, repairable: false })
  return out
}
