/**
 * The one call a cloud function makes before taking money: risk mode, then the price, then the
 * cap. Checks run in that order so the member hears the most basic reason first.
 */
import type { Fen } from '../money'
import { checkCap, type CapRoom } from './cap'
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

export type CheckedQuote = Quote & { cap: CapRoom & { after: Fen } }

export function quoteRecharge(
  req: RechargeRequest,
  offers: Offers,
  ctx: QuoteContext & { balance: BalanceParts }
): OfferResult<CheckedQuote> {
  if (offers.settings.riskMode) return fail('TOPUP_SUSPENDED', '本店暂停充值，已有余额可正常使用和申请退款')
  let q: OfferResult<Quote>
  if (req.kind === 'plan') {
    const plan = offers.plans.find((p) => p.id === req.planId)
    q = plan ? quotePlan(plan, offers.campaigns, ctx) : fail('PLAN_NOT_AVAILABLE', '该充值套餐不存在或已下架')
  } else {
    q = quoteCustom(req.amount, offers.settings.custom, offers.campaigns, ctx)
  }
  if (!q.ok) return q
  const cap = checkCap(ctx.balance, q.data, offers.settings)
  if (!cap.ok) return { ok: false, error: cap.error }
  return { ok: true, data: { ...q.data, cap: cap.data } }
}
