/**
 * Checks merchant-entered offer data before it is saved or seeded. Each function lists the
 * problems found ([] = fine), so an admin form can show them all at once. The quote code
 * assumes data that passes these checks.
 */
import { isFen } from '../money'
import { parseInstant } from '../time'
import type { BonusRule, Campaign, CustomAmountRule, Gift, OfferSettings, Plan, StoreScope } from './types'

const posFen = (n: unknown) => isFen(n) && n > 0
const nonNegFen = (n: unknown) => isFen(n) && n >= 0
const posInt = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n > 0

function checkWindow(startsAt: string | undefined, endsAt: string | undefined, out: string[]) {
  const parse = (s: string, name: string) => {
    try {
      return parseInstant(s).getTime()
    } catch {
      out.push(`${name} is not an ISO instant with offset`)
      return null
    }
  }
  const s = startsAt === undefined ? null : parse(startsAt, 'startsAt')
  const e = endsAt === undefined ? null : parse(endsAt, 'endsAt')
  if (s !== null && e !== null && e <= s) out.push('endsAt must be after startsAt')
}

function checkStores(stores: StoreScope, out: string[], what = 'stores') {
  if (stores !== 'all' && (!Array.isArray(stores) || stores.length === 0)) out.push(`${what} must be 'all' or a non-empty list`)
}

export function giftProblems(g: Gift): string[] {
  switch (g.kind) {
    case 'coupon':
      return [...(g.templateId ? [] : ['coupon needs templateId']), ...(posInt(g.count) ? [] : ['coupon count must be a positive integer'])]
    case 'points_multiplier':
      return [
        ...(posInt(g.factor) && g.factor > 100 ? [] : ['points factor must be an integer percent above 100']),
        ...(g.days === undefined || posInt(g.days) ? [] : ['points days must be a positive integer'])
      ]
    case 'gift_card':
      return g.cardTemplateId ? [] : ['gift card needs cardTemplateId']
  }
}

export function planProblems(p: Plan): string[] {
  const out: string[] = []
  if (!p.id) out.push('id is required')
  if (!p.title) out.push('title is required')
  if (!posFen(p.pay)) out.push('pay must be a positive integer of fen')
  if (!nonNegFen(p.bonus)) out.push('bonus must be a non-negative integer of fen')
  if (!Number.isSafeInteger(p.sort)) out.push('sort must be an integer')
  checkStores(p.stores, out)
  checkWindow(p.startsAt, p.endsAt, out)
  for (const g of p.gifts) out.push(...giftProblems(g))
  return out
}

export function bonusRuleProblems(r: BonusRule): string[] {
  switch (r.kind) {
    case 'none':
      return []
    case 'per_step':
      return [...(posFen(r.step) ? [] : ['step must be positive fen']), ...(nonNegFen(r.bonus) ? [] : ['bonus must be non-negative fen'])]
    case 'tiers': {
      const out: string[] = []
      const mins = new Set<number>()
      for (const t of r.tiers) {
        if (!posFen(t.min) || !nonNegFen(t.bonus)) out.push('each tier needs positive min and non-negative bonus (fen)')
        if (mins.has(t.min)) out.push(`duplicate tier min ${t.min}`)
        mins.add(t.min)
      }
      // a bigger amount must never earn less than a smaller one
      const sorted = [...r.tiers].sort((a, b) => a.min - b.min)
      if (sorted.some((t, i) => i > 0 && t.bonus < sorted[i - 1].bonus)) out.push('tier bonuses must not decrease as min grows')
      return out
    }
    case 'percent':
      return Number.isSafeInteger(r.bps) && r.bps >= 0 && r.bps <= 10_000 ? [] : ['bps must be an integer 0..10000']
  }
}

export function customRuleProblems(r: CustomAmountRule): string[] {
  const out: string[] = []
  if (!posFen(r.min)) out.push('min must be positive fen')
  if (!posFen(r.max)) out.push('max must be positive fen')
  if (posFen(r.min) && posFen(r.max) && r.min > r.max) out.push('min must not exceed max')
  return [...out, ...bonusRuleProblems(r.bonus)]
}

export function campaignProblems(c: Campaign): string[] {
  const out: string[] = []
  if (!c.id) out.push('id is required')
  if (!c.title) out.push('title is required')
  checkWindow(c.startsAt, c.endsAt, out)
  if (c.scope.plans !== 'all' && !Array.isArray(c.scope.plans)) out.push("scope.plans must be 'all' or a list")
  if (c.scope.plans !== 'all' && c.scope.plans.length === 0 && !c.scope.custom) out.push('scope covers no plan and no custom amount')
  checkStores(c.scope.stores, out, 'scope.stores')
  if (c.scope.minPay !== undefined && !posFen(c.scope.minPay)) out.push('scope.minPay must be positive fen')
  const e = c.effect
  if (e.kind === 'percent' && !(Number.isSafeInteger(e.bps) && e.bps > 0 && e.bps <= 10_000)) out.push('effect bps must be an integer 1..10000')
  if (e.kind === 'fixed' && !posFen(e.bonus)) out.push('effect bonus must be positive fen')
  if (e.kind === 'gift') {
    out.push(...giftProblems(e.gift))
    if (e.value !== undefined && !nonNegFen(e.value)) out.push('gift value must be non-negative fen')
  }
  if (c.perMemberLimit !== undefined && !posInt(c.perMemberLimit)) out.push('perMemberLimit must be a positive integer')
  if (c.stacking === 'stack' && c.exclusiveGroup !== undefined) out.push("exclusiveGroup only applies to 'exclusive' campaigns")
  if (!Number.isSafeInteger(c.priority)) out.push('priority must be an integer')
  return out
}

export function settingsProblems(s: OfferSettings): string[] {
  return [...(posFen(s.cap) ? [] : ['cap must be positive fen']), ...customRuleProblems(s.custom).map((m) => `custom: ${m}`)]
}
