/**
 * The recharge recommendation at checkout: given a bill, the store, the member's balance and the
 * merchant's rules, the best one or two ways to recharge now, each with what it saves the member
 * on THIS bill. Pure and deterministic: the same input gives the same answer, whatever order the
 * plans are stored in.
 *
 * Candidates:
 * - each plan the member can buy here now (priced by quoteRecharge: risk mode, campaigns, cap),
 *   after which the bill is paid from the new balance. It saves the bill's extra tier discount if
 *   the recharge lifts the member's tier, plus the bonus the bill uses from the new lot, valued at
 *   the lot's ratio exactly as the ledger recognises it (D4): the part of the bill drawn from the
 *   new lot × bonus / (pay + bonus);
 * - 充值免单, when a rule covers the bill: it saves the whole bill.
 *
 * A candidate is kept only when the new balance covers the bill, and when it saves something or
 * the current balance is short. Ranking: most saved today first, then least paid now, then id.
 * The answer is that best one, plus the one costing least now when it is cheaper than the best
 * (else the runner-up): "saves the most" and "costs the least" side by side.
 */
import { fen, sub, ZERO, type Fen } from '../money'
import type { LotOrder } from '../lots'
import { priceBill, type BillPrice } from '../checkout/price'
import type { Coupon } from '../checkout/coupon'
import { revenueUpTo } from '../ledger/spend'
import { tierFor } from '../tiers/tier'
import type { Tier, TierTerms } from '../tiers/types'
import { checkCap } from './cap'
import { freeBillOffer, type FreeBillRule, type FreeBillUsage } from './free-bill'
import { quoteRecharge, type Offers } from './recharge'
import { availablePlans } from './scope'
import type { BalanceParts, Quote, QuoteContext } from './types'

export interface BillRecommendationInput {
  bill: { amount: Fen; coupon?: Coupon | null }
  /** now, store, membership and campaign uses, as for a recharge quote (and the room unpaid orders hold, when known) */
  ctx: QuoteContext & { held?: Fen }
  balance: BalanceParts
  /** the member's tier terms (the version they accepted) and net recharged principal */
  member: { terms: TierTerms; netRecharged: Fen }
  offers: Offers
  freeBill?: { rule: FreeBillRule; usage: FreeBillUsage } | null
  /** which lot a bill draws first (the merchant's spend policy); the new lot is the newest */
  order?: LotOrder
}

export type BillOffer =
  | {
      kind: 'plan'
      planId: string
      title: string
      /** paid now by WeChat Pay */
      pay: Fen
      quote: Quote
      /** the bill priced with the tier this recharge reaches */
      price: BillPrice
      tierAfter: Tier | null
      savesToday: Fen
    }
  | {
      kind: 'free_bill'
      ruleId: string
      title: string
      /** paid now by WeChat Pay, all of it principal */
      pay: Fen
      /** the bill at the member's tier price, forgiven: the store's promotion cost */
      free: Fen
      /** what the member would otherwise pay for this bill today (with their coupon, which they keep) */
      savesToday: Fen
    }

export function recommendForBill(input: BillRecommendationInput): BillOffer[] {
  const { bill, ctx, member } = input
  const priced = (netRecharged: Fen, balance: BalanceParts, coupon = bill.coupon) => {
    const tier = tierFor(netRecharged, member.terms)
    const r = priceBill({ amount: bill.amount, tier, coupon, balance, storeId: ctx.storeId, now: ctx.now })
    return r.ok ? { tier, price: r.data } : null
  }
  const today = priced(member.netRecharged, input.balance)
  if (!today || today.price.payable === 0) return [] // a bad bill or coupon is the quote's error; nothing to pay needs no recharge
  const existing = input.balance.principal + input.balance.bonus

  const candidates: BillOffer[] = []
  for (const plan of availablePlans(input.offers.plans, ctx)) {
    const q = quoteRecharge({ kind: 'plan', planId: plan.id }, input.offers, { ...ctx, balance: input.balance })
    if (!q.ok) continue
    const after = priced(fen(member.netRecharged + q.data.pay), {
      principal: fen(input.balance.principal + q.data.pay),
      bonus: fen(input.balance.bonus + q.data.bonus)
    })
    if (!after || after.price.shortfall > 0) continue
    const tierGain = today.price.payable - after.price.payable
    const savesToday = fen(tierGain + bonusUsed(after.price.payable, existing, q.data, input.order ?? 'fifo'))
    candidates.push({ kind: 'plan', planId: plan.id, title: plan.title, pay: q.data.pay, quote: q.data, price: after.price, tierAfter: after.tier, savesToday })
  }

  const fb = input.freeBill
  // the free bill is the bill at the member's tier price; a chosen coupon stays in their wallet
  const atTierPrice = fb && !input.offers.settings.riskMode ? priced(member.netRecharged, input.balance, null) : null
  if (fb && atTierPrice) {
    const o = freeBillOffer(fb.rule, { amount: bill.amount, price: atTierPrice.price.payable, storeId: ctx.storeId, now: ctx.now }, fb.usage)
    if (o && checkCap(input.balance, { pay: o.pay, credit: o.pay }, input.offers.settings).ok) {
      candidates.push({ kind: 'free_bill', ruleId: o.ruleId, title: o.title, pay: o.pay, free: o.free, savesToday: today.price.payable })
    }
  }

  const short = today.price.shortfall > 0
  const ranked = candidates.filter((c) => short || c.savesToday > 0).sort(byValue)
  if (ranked.length <= 1) return ranked
  const [best] = ranked
  const cheapest = [...ranked].sort((a, b) => a.pay - b.pay || byValue(a, b))[0]
  return [best, cheapest !== best && cheapest.pay < best.pay ? cheapest : ranked[1]]
}

const idOf = (o: BillOffer) => (o.kind === 'plan' ? `plan:${o.planId}` : `free:${o.ruleId}`)

function byValue(a: BillOffer, b: BillOffer): number {
  return b.savesToday - a.savesToday || a.pay - b.pay || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0)
}

/**
 * The bonus value this bill uses from the new lot, at the lot's ratio (what the ledger will book
 * as bonus redeemed). FIFO draws the existing balance first; LIFO the new lot first.
 */
function bonusUsed(payable: Fen, existing: number, q: Pick<Quote, 'pay' | 'bonus' | 'credit'>, order: LotOrder): Fen {
  if (q.bonus === 0) return ZERO
  const fromNew = fen(order === 'fifo' ? Math.max(0, payable - existing) : Math.min(payable, q.credit))
  return sub(fromNew, revenueUpTo(fromNew, q.pay, q.bonus))
}
