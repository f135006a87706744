/**
 * 余额消费入账: a bill paid from the balance. The member's principal and bonus go down by what
 * the spend drew; the spending store's redemption accounts go up by the same total, split into
 *
 * - revenue, recognised at paid/(paid+bonus) of each lot drawn (D4: the bonus is a price discount
 *   on redemption, not revenue), and
 * - bonus redeemed, the rest: the bonus value used up, which offsets the store_promo cost booked
 *   when the lot was credited.
 *
 * The ratio is the lot's, whatever the merchant's split drew (D2): a bonus-first spend still earns
 * the lot's revenue ratio, it only leaves more principal refundable.
 *
 * Rounding is cumulative per lot, so fen never drift: revenue recognised on a lot so far is
 * floor(redeemed × paid / (paid + bonus)), and a draw recognises the difference between that figure
 * after and before it. A lot spent to the end has recognised exactly its paid amount, whatever
 * sizes the draws had.
 */
import { fen, mulDivFloor, MoneyError, sub, type Fen } from '../money'
import type { Draw } from '../lots'
import { accounts, shardOf } from './accounts'
import { assertBalanced, entry, type Entry, type PostedDraw, type Posting } from './posting'

/** A draw with the facts of its lot the revenue needs. */
export interface LotDraw extends Draw {
  /** what the lot's recharge paid, and the bonus it granted (the lot's original amounts) */
  lotPay: Fen
  lotBonus: Fen
  /** value already spent from this lot before this draw (the lot document keeps the running sum) */
  redeemedBefore: Fen
}

export interface SpendFacts {
  /** the payment this spend belongs to; the posting's idempotency key and shard follow from it */
  paymentId: string
  /** the client's request id, kept on the entry for support and audit */
  requestId: string
  openid: string
  /** the store where the bill was paid (may differ from the stores that sold the lots, D8) */
  storeId: string
  draws: readonly LotDraw[]
  /** shards per store account (default STORE_ACCOUNT_SHARDS) */
  shards?: number
  /**
   * The value was held first (a mixed payment waiting for WeChat Pay, domain/ledger/bill.ts): the
   * spend takes it from the member's spend hold, where the hold posting moved it, not from their
   * principal and bonus again.
   */
  fromHold?: boolean
}

export const spendPostingId = (paymentId: string) => `spend:${paymentId}`

/** Revenue recognised on a lot once `redeemed` of its pay + bonus has been spent. */
export function revenueUpTo(redeemed: Fen, lotPay: Fen, lotBonus: Fen): Fen {
  return mulDivFloor(redeemed, lotPay, lotPay + lotBonus)
}

export function drawRevenue(d: LotDraw): Fen {
  const value = d.principal + d.bonus
  const after = d.redeemedBefore + value
  if (d.lotPay <= 0 || d.lotBonus < 0) throw new MoneyError(`lot ${d.lotId} has no paid amount`)
  if (d.principal < 0 || d.bonus < 0 || value === 0) throw new MoneyError(`draw on lot ${d.lotId} must take a positive amount`)
  if (d.redeemedBefore < 0 || after > d.lotPay + d.lotBonus) throw new MoneyError(`lot ${d.lotId} would be spent beyond what it held`)
  return sub(revenueUpTo(fen(after), d.lotPay, d.lotBonus), revenueUpTo(d.redeemedBefore, d.lotPay, d.lotBonus))
}

export function spendPosting(f: SpendFacts): Posting {
  if (f.draws.length === 0) throw new MoneyError('a spend draws on at least one lot')
  if (new Set(f.draws.map((d) => d.lotId)).size !== f.draws.length) throw new MoneyError('a spend draws on each lot once')
  const lots: PostedDraw[] = f.draws.map((d) => ({ lotId: d.lotId, principal: d.principal, bonus: d.bonus, revenue: drawRevenue(d) }))
  const total = (k: 'principal' | 'bonus' | 'revenue') => lots.reduce((s, l) => s + l[k], 0)
  const principal = total('principal')
  const bonus = total('bonus')
  const revenue = total('revenue')
  const shard = shardOf(f.paymentId, f.shards)
  // a leg of zero (no bonus drawn, say) is left out: entries are non-zero by rule
  const from: Entry[] = f.fromHold
    ? [entry(accounts.memberSpendHold(f.openid), -(principal + bonus))]
    : [entry(accounts.memberPrincipal(f.openid), -principal), entry(accounts.memberBonus(f.openid), -bonus)]
  const entries: Entry[] = [
    ...from,
    entry(accounts.storeRevenue(f.storeId, shard), revenue),
    entry(accounts.storeBonusRedeemed(f.storeId, shard), principal + bonus - revenue)
  ].filter((e) => e.amount !== 0)
  assertBalanced(entries)
  return {
    id: spendPostingId(f.paymentId),
    kind: 'spend',
    // settled from a hold, the member's balance moved at the hold, whose entry their history shows
    memberId: f.fromHold ? null : f.openid,
    storeId: f.storeId,
    entries,
    memo: '余额消费',
    refs: { paymentId: f.paymentId, requestId: f.requestId },
    lots
  }
}
