import { type Fen, fen, allocate, MoneyError } from '../money'
import { accounts, shardOf } from './accounts'
import { type Entry, type Posting, assertBalanced, entry } from './posting'

/**
 * Refund postings, two-phase like TigerBeetle's pending transfers. A refund in flight is HELD as a
 * posting, not as a flag on the lots:
 *   hold    member principal/bonus → the member's refund-hold account   (at request)
 *   settle  refund-hold → store fund (cash out) + promotion/revenue (what is taken back)   (SUCCESS, or a manual payout done)
 *   release refund-hold → member principal/bonus, as they were           (ABNORMAL, CLOSED, rejected)
 * Why postings: the held value leaves the spendable accounts and the lots in the same transaction,
 * so it can be neither spent nor refunded twice, `reconcile` (lots = member accounts) holds at every
 * step, and the journal shows the money's whole way. Each posting is keyed by the refund and its
 * part, so a notification delivered twice posts once.
 */

/** What one part of a refund holds: principal + bonus = amount (cash) + forfeited (taken back). */
export interface HeldPart {
  outRefundNo: string
  outTradeNo: string
  storeId: string
  lotId: string
  amount: Fen
  principal: Fen
  bonus: Fen
  forfeited: Fen
}

const nonZero = (es: Entry[]) => es.filter((e) => e.amount !== 0)

function checkPart(p: HeldPart): void {
  const ok = [p.amount, p.principal, p.bonus, p.forfeited].every((x) => Number.isSafeInteger(x) && x >= 0) && p.principal + p.bonus === p.amount + p.forfeited && p.amount > 0
  if (!ok) throw new MoneyError(`refund part ${p.outRefundNo} does not add up`)
}

export const refundHoldId = (refundId: string) => `refund-hold:${refundId}`
export const refundSettleId = (outRefundNo: string) => `refund:${outRefundNo}`
export const refundReleaseId = (outRefundNo: string) => `refund-release:${outRefundNo}`

/** Takes every part's principal and bonus out of the member's spendable balance into the hold. */
export function refundHoldPosting(refundId: string, openid: string, parts: readonly HeldPart[]): Posting {
  if (parts.length === 0) throw new MoneyError('a refund holds at least one part')
  parts.forEach(checkPart)
  const p = parts.reduce((s, x) => s + x.principal, 0)
  const b = parts.reduce((s, x) => s + x.bonus, 0)
  const entries = nonZero([entry(accounts.memberPrincipal(openid), -p), entry(accounts.memberBonus(openid), -b), entry(accounts.memberRefundHold(openid), p + b)])
  assertBalanced(entries)
  return { id: refundHoldId(refundId), kind: 'refund', memberId: openid, storeId: null, entries, memo: '退款处理中（冻结）', refs: { refundId } }
}

/**
 * A part paid out (REFUND.SUCCESS, or staff completed a manual payout): the cash leaves the fund
 * of the store that sold the lot (the shard its recharge used); what is taken back reverses the
 * store's bonus cost, and principal kept beyond the lot's bonus (only under a non-proportional
 * refund rule) becomes that store's revenue (D4: income, like a redemption).
 */
export function refundSettlePosting(refundId: string, openid: string, part: HeldPart): Posting {
  checkPart(part)
  const shard = shardOf(part.outTradeNo)
  const bonusBack = Math.min(part.forfeited, part.bonus)
  const entries = nonZero([
    entry(accounts.memberRefundHold(openid), -(part.principal + part.bonus)),
    entry(accounts.storeFund(part.storeId, shard), part.amount),
    entry(accounts.storePromo(part.storeId, shard), bonusBack),
    entry(accounts.storeRevenue(part.storeId, shard), part.forfeited - bonusBack)
  ])
  assertBalanced(entries)
  return {
    id: refundSettleId(part.outRefundNo),
    kind: 'refund',
    memberId: openid,
    storeId: part.storeId,
    entries,
    memo: '储值退款',
    refs: { refundId, outRefundNo: part.outRefundNo, outTradeNo: part.outTradeNo }
  }
}

/** A part that will not be paid (ABNORMAL, CLOSED, rejected): its value goes back as it was held. */
export function refundReleasePosting(refundId: string, openid: string, part: HeldPart): Posting {
  checkPart(part)
  const entries = nonZero([
    entry(accounts.memberRefundHold(openid), -(part.principal + part.bonus)),
    entry(accounts.memberPrincipal(openid), part.principal),
    entry(accounts.memberBonus(openid), part.bonus)
  ])
  assertBalanced(entries)
  return { id: refundReleaseId(part.outRefundNo), kind: 'refund', memberId: openid, storeId: part.storeId, entries, memo: '退款未成功，金额退回余额', refs: { refundId, outRefundNo: part.outRefundNo } }
}

/** What a spend drew from one lot, or what a return gave back to it. */
export interface LotAmounts {
  lotId: string
  principal: Fen
  bonus: Fen
}

/** A balance payment to return goods against, with what earlier returns already gave back. */
export interface ReturnableSpend {
  spendId: string
  openid: string
  /** the spend posting's entries */
  entries: readonly Entry[]
  /** what the spend drew per lot (the spend posting's `lots`) */
  lots: readonly LotAmounts[]
  /** earlier returns of this spend: their entries and lots */
  returns: ReadonlyArray<{ entries: readonly Entry[]; lots: readonly LotAmounts[] }>
}

/**
 * Returned goods paid with balance (A10): the value goes back into the lots it came from,
 * principal to principal and bonus to bonus, and the stores that were credited give it back.
 * A partial return is split over what is still unreturned in proportion (largest remainder), so
 * returning the rest later restores the spend exactly; the member never gets more than was spent.
 * The lots given back are returned beside the posting, not as its `lots` (which reconcile reads as
 * a spend's draws); the caller keeps them on the journal document and lowers each lot's redeemed
 * sum by them, so the spend posting's cumulative revenue rounding stays exact.
 */
export function balanceReturnPosting(returnId: string, spend: ReturnableSpend, amount: Fen): { posting: Posting; lots: LotAmounts[] } {
  const left = new Map<string, { principal: number; bonus: number }>()
  for (const l of spend.lots) left.set(l.lotId, { principal: l.principal, bonus: l.bonus })
  const storeLeft = new Map<string, Entry>()
  for (const e of spend.entries) if (e.amount > 0) storeLeft.set(e.account, { ...e })
  for (const r of spend.returns) {
    for (const l of r.lots) {
      const x = left.get(l.lotId)
      if (!x) throw new MoneyError(`return of ${spend.spendId} names lot ${l.lotId} it never drew`)
      x.principal -= l.principal
      x.bonus -= l.bonus
    }
    for (const e of r.entries) {
      const x = storeLeft.get(e.account)
      if (x) x.amount = fen(x.amount + e.amount)
    }
  }
  const lotIds = [...left.keys()]
  const weights = lotIds.flatMap((id) => [left.get(id)!.principal, left.get(id)!.bonus])
  const returnable = weights.reduce((s, w) => s + w, 0)
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > returnable) {
    throw new MoneyError(`can return 1..${returnable} fen of ${spend.spendId}, not ${amount}`)
  }
  const back = allocate(amount, weights)
  const lots = lotIds.map((lotId, i) => ({ lotId, principal: back[2 * i], bonus: back[2 * i + 1] })).filter((l) => l.principal + l.bonus > 0)
  const stores = [...storeLeft.values()].filter((e) => e.amount > 0)
  const debits = allocate(amount, stores.map((e) => e.amount))
  const p = lots.reduce((s, l) => s + l.principal, 0)
  const b = lots.reduce((s, l) => s + l.bonus, 0)
  const entries = nonZero([
    entry(accounts.memberPrincipal(spend.openid), p),
    entry(accounts.memberBonus(spend.openid), b),
    ...stores.map((e, i) => ({ account: e.account, kind: e.kind, amount: fen(-debits[i]) }))
  ])
  assertBalanced(entries)
  return {
    posting: { id: `return:${returnId}`, kind: 'refund', memberId: spend.openid, storeId: null, entries, memo: '退货退回储值', refs: { returnId, spendId: spend.spendId } },
    lots
  }
}
