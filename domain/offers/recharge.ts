/**
 * The one place a recharge is priced: risk mode, then the price (plan or custom amount,
 * campaigns), then the cap. The server only loads the data; the page's quote and the order's
 * price come from here, with the same messages. Checks run in that order so the member hears
 * the most basic reason first.
 */
import { fen, ZERO, type Fen } from '../money'
import { capAdds, capRoom, checkCap, type CapRoom } from './cap'
import { quoteCustom, quotePlan } from './quote'
import {
  fail,
  type BalanceParts,
  type Campaign,
  type OfferResult,
  type OfferSettings,
  type Plan,
  type Quote,
  type QuoteContext
} from './types'

export type RechargeRequest = { kind: 'plan'; planId: string } | { kind: 'custom'; amount: Fen }

export interface Offers {
  plans: readonly Plan[]
  campaigns: readonly Campaign[]
  settings: OfferSettings
}

/** The member's side of a quote: the balance, and the room their unpaid orders hold (default none). */
export type RechargeContext = QuoteContext & { balance: BalanceParts; held?: Fen }

export type CheckedQuote = Quote & { cap: CapRoom & { after: Fen } }

export const SUSPENDED_TEXT = '本店暂停充值，已有余额可正常使用和申请退款'

export function quoteRecharge(req: RechargeRequest, offers: Offers, ctx: RechargeContext): OfferResult<CheckedQuote> {
  if (offers.settings.riskMode) return fail('TOPUP_SUSPENDED', SUSPENDED_TEXT)
  const q = priceOnly(req, offers, ctx)
  if (!q.ok) return q
  const held = ctx.held ?? ZERO
  const cap = checkCap(ctx.balance, q.data, offers.settings, held)
  if (!cap.ok) {
    const again = checkCap(ctx.balance, q.data, offers.settings, held, maxCustomPay(offers, ctx))
    return { ok: false, error: again.ok ? cap.error : again.error }
  }
  return { ok: true, data: { ...q.data, cap: cap.data } }
}

function priceOnly(req: RechargeRequest, offers: Offers, ctx: QuoteContext): OfferResult<Quote> {
  if (req.kind === 'custom') return quoteCustom(req.amount, offers.settings.custom, offers.campaigns, ctx)
  const plan = offers.plans.find((p) => p.id === req.planId)
  return plan ? quotePlan(plan, offers.campaigns, ctx) : fail('PLAN_NOT_AVAILABLE', '该充值套餐不存在或已下架')
}

/**
 * The largest custom amount this member can pay right now: within the custom rule's range, and
 * whose credit (bonus and campaigns included, when bonus counts) fits the room left by the
 * balance and the member's unpaid orders. 0 when no custom amount can be paid (custom amounts
 * off, risk mode, or not even the minimum fits).
 *
 * A credit grows with the amount paid, except where a bonus tier or a campaign's minimum starts
 * or stops applying; so the range is cut at those points and each piece searched by halving,
 * from the top piece down, for the largest amount that passes.
 */
export function maxCustomPay(offers: Offers, ctx: RechargeContext): Fen {
  const { custom } = offers.settings
  if (offers.settings.riskMode || !custom.enabled) return ZERO
  const room = capRoom(ctx.balance, offers.settings, ctx.held ?? ZERO).room
  // a credit is never less than what is paid, so nothing above the room can fit
  const top = Math.min(custom.max, room)
  if (top < custom.min) return ZERO
  const passes = (amount: number) => {
    const q = quoteCustom(fen(amount), custom, offers.campaigns, ctx)
    return q.ok && capAdds(q.data, offers.settings) <= room
  }
  const cuts = new Set<number>([custom.min])
  if (custom.bonus.kind === 'tiers') for (const t of custom.bonus.tiers) cuts.add(t.min)
  for (const c of offers.campaigns) if (c.scope.minPay !== undefined) cuts.add(c.scope.minPay)
  const starts = [...cuts].filter((x) => x >= custom.min && x <= top).sort((a, b) => b - a)
  let hi = top
  for (const lo of starts) {
    if (passes(lo)) {
      // largest passing amount in [lo, hi], passes(lo) holding
      let a = lo
      let b = hi
      while (a < b) {
        const mid = a + Math.ceil((b - a) / 2)
        if (passes(mid)) a = mid
        else b = mid - 1
      }
      return fen(a)
    }
    hi = lo - 1
  }
  return ZERO
}

/** Whether a quote fits under the cap now, with the member's unpaid orders counted. */
export function fitsCap(quote: Pick<Quote, 'pay' | 'credit'>, settings: OfferSettings, ctx: Pick<RechargeContext, 'balance' | 'held'>): boolean {
  return checkCap(ctx.balance, quote, settings, ctx.held ?? ZERO).ok
}
