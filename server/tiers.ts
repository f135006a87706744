import type { TierView } from '../contracts/api'
import type { MemberDoc } from './collections'

/**
 * Placeholder tiers until the membership issue: a member is 储值会员 from their first credited
 * recharge; everyone else is 普通顾客.
 */
export function placeholderTier(member: MemberDoc | null): TierView {
  return member ? { code: 'member', name: '储值会员' } : { code: 'guest', name: '普通顾客' }
}
