import type { TierView } from '../contracts/api'
import { discountLabel } from '../domain/tiers'
import type { MemberDoc, StoredTier } from './collections'

export const tierView = (t: StoredTier): TierView => ({ code: t.id, name: t.name, discountLabel: discountLabel(t.payPermille) })

/**
 * The tier the home page and the wallet show: the member's stored tier (server/members: computed
 * under the terms they accepted). A member below the first threshold is 储值会员 from their first
 * credited recharge; everyone else is 普通顾客.
 */
export function memberTierView(member: MemberDoc | null, tier: StoredTier | null): TierView {
  if (tier) return tierView(tier)
  return member ? { code: 'member', name: '储值会员' } : { code: 'guest', name: '普通顾客' }
}
