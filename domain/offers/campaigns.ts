/**
 * Which campaigns apply to a recharge, and how they combine.
 *
 * Stacking, as stated in the data:
 * - every applicable 'stack' campaign applies;
 * - 'exclusive' campaigns compete within their `exclusiveGroup` (no group = the default group):
 *   one per group applies, the one worth most to the member, ties → higher priority → smaller id;
 * - a campaign's worth = its bonus + its gift's stated value − the plan bonus it drops when
 *   `onPlanBonus` is 'replace'. A campaign worth less than nothing is never applied: a campaign
 *   can add to what the plan gives, never take from it;
 * - if any applied campaign is 'replace', the plan bonus is dropped once; campaign bonuses add.
 * Per-member limits: a campaign whose uses reached its limit simply stops applying. The only
 * error is for a member who relied on it (`confirmReliedCampaigns`).
 */
import { fen, type Fen } from '../money'
import { isWithin } from '../time'
import { effectBonus, effectGiftValue } from './bonus'
import { inStoreScope } from './scope'
import { fail, type Campaign, type OfferResult, type QuoteContext, type RechargeTarget } from './types'

export type CampaignEligibility =
  | 'ok'
  | 'inactive'
  | 'not_started'
  | 'ended'
  | 'plan_not_in_scope'
  | 'custom_not_in_scope'
  | 'store_not_in_scope'
  | 'not_new_member'
  | 'below_min_pay'
  | 'limit_reached'

/** Why a campaign does (not) apply; the limit is checked last so it is reported only when it is the sole reason. */
export function campaignEligibility(c: Campaign, target: RechargeTarget, ctx: QuoteContext): CampaignEligibility {
  if (!c.active) return 'inactive'
  if (!isWithin(ctx.now, c.startsAt, null)) return 'not_started'
  if (!isWithin(ctx.now, null, c.endsAt)) return 'ended'
  if (target.kind === 'plan') {
    if (c.scope.plans !== 'all' && !c.scope.plans.includes(target.planId)) return 'plan_not_in_scope'
  } else if (!c.scope.custom) {
    return 'custom_not_in_scope'
  }
  if (!inStoreScope(c.scope.stores, ctx.storeId)) return 'store_not_in_scope'
  if (c.scope.newMembersOnly && ctx.isMember) return 'not_new_member'
  if (c.scope.minPay !== undefined && target.pay < c.scope.minPay) return 'below_min_pay'
  if (c.perMemberLimit !== undefined && (ctx.campaignUses[c.id] ?? 0) >= c.perMemberLimit) return 'limit_reached'
  return 'ok'
}

export function applicableCampaigns(
  campaigns: readonly Campaign[],
  target: RechargeTarget,
  ctx: QuoteContext
): Campaign[] {
  return campaigns.filter((c) => campaignEligibility(c, target, ctx) === 'ok')
}

/** What a campaign is worth to the member on its own, in fen (may be negative for 'replace'). */
export function campaignValue(c: Campaign, pay: Fen, planBonus: Fen): number {
  const dropped = c.onPlanBonus === 'replace' ? planBonus : 0
  return effectBonus(c.effect, pay) + effectGiftValue(c.effect) - dropped
}

export const DEFAULT_EXCLUSIVE_GROUP = ''

/** Higher priority first, then smaller id: the order campaigns are listed and tie-broken in. */
export function byPriority(a: Campaign, b: Campaign): number {
  if (a.priority !== b.priority) return b.priority - a.priority
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Picks the campaigns that apply from those eligible. The result does not depend on the input
 * order; it is sorted by priority (desc) then id.
 */
export function resolveStacking(eligible: readonly Campaign[], pay: Fen, planBonus: Fen): Campaign[] {
  const chosen: Campaign[] = []
  const bestInGroup = new Map<string, { c: Campaign; v: number }>()
  for (const c of eligible) {
    const v = campaignValue(c, pay, planBonus)
    if (v < 0) continue
    if (c.stacking === 'stack') {
      chosen.push(c)
      continue
    }
    const group = c.exclusiveGroup ?? DEFAULT_EXCLUSIVE_GROUP
    const cur = bestInGroup.get(group)
    if (!cur || v > cur.v || (v === cur.v && byPriority(c, cur.c) < 0)) bestInGroup.set(group, { c, v })
  }
  for (const { c } of bestInGroup.values()) chosen.push(c)
  return chosen.sort(byPriority)
}

/** Bonus and gifts from applied campaigns, and whether they drop the plan bonus. */
export function combineCampaigns(applied: readonly Campaign[], pay: Fen) {
  return {
    campaignBonus: fen(applied.reduce((s, c) => s + effectBonus(c.effect, pay), 0)),
    gifts: applied.flatMap((c) => (c.effect.kind === 'gift' ? [c.effect.gift] : [])),
    replacesPlanBonus: applied.some((c) => c.onPlanBonus === 'replace'),
    campaignIds: applied.map((c) => c.id)
  }
}

/** What a member is told when a campaign's per-member limit is used up for them. */
export const limitReachedText = (c: Pick<Campaign, 'title' | 'perMemberLimit'>) => `「${c.title}」每人限${c.perMemberLimit}次，您已参加过`

/**
 * For a member who chose an offer because of named campaigns (e.g. the page showed "新人+20元"):
 * refuses with CAMPAIGN_LIMIT_REACHED when one of them is used up for this member, instead of
 * silently charging without it. Campaigns that no longer apply for other reasons (ended, paused)
 * are not an error here; the fresh quote simply lacks them.
 */
export function confirmReliedCampaigns(
  reliedIds: readonly string[],
  campaigns: readonly Campaign[],
  target: RechargeTarget,
  ctx: QuoteContext
): OfferResult<null, 'CAMPAIGN_LIMIT_REACHED'> {
  for (const id of reliedIds) {
    const c = campaigns.find((x) => x.id === id)
    if (c && campaignEligibility(c, target, ctx) === 'limit_reached') {
      return fail('CAMPAIGN_LIMIT_REACHED', limitReachedText(c))
    }
  }
  return { ok: true, data: null }
}
