/**
 * The price of one recharge: what the member pays and what the balance grows by.
 * Failures are values (OfferResult), never throws; a throw means bad data (a non-integer amount).
 */
import { add, fen, isFen, ZERO, type Fen } from '../money'
import { ruleBonus } from './bonus'
import { applicableCampaigns, combineCampaigns, resolveStacking } from './campaigns'
import { yuanText } from './describe'
import { planAvailability } from './scope'
import {
  fail,
  type Campaign,
  type CustomAmountRule,
  type Gift,
  type OfferResult,
  type Plan,
  type Quote,
  type QuoteContext,
  type RechargeTarget
} from './types'

export function quotePlan(
  plan: Plan,
  campaigns: readonly Campaign[],
  ctx: QuoteContext
): OfferResult<Quote, 'PLAN_NOT_AVAILABLE'> {
  if (planAvailability(plan, ctx) !== 'ok') return fail('PLAN_NOT_AVAILABLE', `「${plan.title}」当前不可购买`)
  const target: RechargeTarget = { kind: 'plan', planId: plan.id, pay: plan.pay }
  return { ok: true, data: compose(target, plan.bonus, plan.gifts, campaigns, ctx) }
}

export function quoteCustom(
  amount: Fen,
  rule: CustomAmountRule,
  campaigns: readonly Campaign[],
  ctx: QuoteContext
): OfferResult<Quote, 'AMOUNT_OUT_OF_RANGE'> {
  if (!rule.enabled) return fail('AMOUNT_OUT_OF_RANGE', '暂不支持自定义金额，请选择充值套餐')
  if (!isFen(amount) || amount < rule.min || amount > rule.max) {
    return fail('AMOUNT_OUT_OF_RANGE', `充值金额须在${yuanText(rule.min)}元至${yuanText(rule.max)}元之间`)
  }
  const target: RechargeTarget = { kind: 'custom', pay: amount }
  return { ok: true, data: compose(target, ruleBonus(amount, rule.bonus), [], campaigns, ctx) }
}

function compose(
  target: RechargeTarget,
  baseBonus: Fen,
  baseGifts: readonly Gift[],
  campaigns: readonly Campaign[],
  ctx: QuoteContext
): Quote {
  const applied = resolveStacking(applicableCampaigns(campaigns, target, ctx), target.pay, baseBonus)
  const c = combineCampaigns(applied, target.pay)
  const planBonus = c.replacesPlanBonus ? ZERO : baseBonus
  const bonus = add(planBonus, c.campaignBonus)
  return {
    planId: target.kind === 'plan' ? target.planId : null,
    pay: fen(target.pay),
    planBonus,
    campaignBonus: c.campaignBonus,
    bonus,
    credit: add(target.pay, bonus),
    gifts: [...baseGifts, ...c.gifts],
    campaignIds: c.campaignIds
  }
}
