/** Where and when a plan can be bought. */
import { isWithin } from '../time'
import type { Plan, StoreScope } from './types'

export function inStoreScope(scope: StoreScope, storeId: string): boolean {
  return scope === 'all' || scope.includes(storeId)
}

export type PlanAvailability = 'ok' | 'inactive' | 'not_started' | 'ended' | 'store_not_in_scope'

export function planAvailability(plan: Plan, at: { now: Date; storeId: string }): PlanAvailability {
  if (!plan.active) return 'inactive'
  if (!isWithin(at.now, plan.startsAt, null)) return 'not_started'
  if (!isWithin(at.now, null, plan.endsAt)) return 'ended'
  if (!inStoreScope(plan.stores, at.storeId)) return 'store_not_in_scope'
  return 'ok'
}

/** Plans a member can buy here and now, in display order (sort ascending, then id). */
export function availablePlans(plans: readonly Plan[], at: { now: Date; storeId: string }): Plan[] {
  return plans
    .filter((p) => planAvailability(p, at) === 'ok')
    .sort((a, b) => a.sort - b.sort || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
