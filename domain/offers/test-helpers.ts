/** Builders for offer tests: a valid default, overridden per test. Not used by product code. */
import { fen } from '../money'
import type { Campaign, Plan, QuoteContext } from './types'

export const NOW = new Date('2026-11-23T04:00:00.000Z') // 12:00 in Shanghai

export function plan(over: Partial<Plan> = {}): Plan {
  return { id: 'p', title: 'plan', pay: fen(30_000), bonus: fen(5_000), gifts: [], stores: 'all', active: true, sort: 0, ...over }
}

export function campaign(over: Partial<Campaign> = {}): Campaign {
  return {
    id: 'c',
    title: 'campaign',
    active: true,
    startsAt: '2026-11-01T00:00:00.000+08:00',
    endsAt: '2026-12-01T00:00:00.000+08:00',
    scope: { plans: 'all', custom: true, stores: 'all', newMembersOnly: false },
    effect: { kind: 'fixed', bonus: fen(1_000) },
    stacking: 'stack',
    priority: 0,
    onPlanBonus: 'add',
    ...over
  }
}

export function ctx(over: Partial<QuoteContext> = {}): QuoteContext {
  return { now: NOW, storeId: 'store-a', isMember: true, campaignUses: {}, ...over }
}
