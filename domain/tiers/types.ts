/**
 * Member tiers (储值即会员, 阶梯权益) as merchant data. A tier is reached by cumulative principal
 * recharged net of refunds (bonus never counts: it is the merchant's gift, not the member's money).
 * Discounts are integers, never floats: `payPermille` is what the member pays per 1000 of the
 * price, so 950 = 95折 and 885 = 88.5折.
 */
import type { Fen } from '../money'

export interface Tier {
  id: string
  /** 银卡, 金卡, 黑金 */
  name: string
  /** cumulative net principal recharged (fen) from which the tier applies, inclusive */
  threshold: Fen
  /** what the member pays per 1000 of a bill: 1000 = no discount, 900 = 9折 */
  payPermille: number
  /** plain words shown on the member page: 生日券, 会员活动, 优先服务 */
  benefits: readonly string[]
}

/**
 * One version of the tier terms. Versions are immutable once a member has accepted them: a
 * merchant changes the terms by publishing a new version (B2: no unilateral lowering of what a
 * prepaid member was promised).
 */
export interface TierTerms {
  version: string
  /** in ascending threshold order; a member below the first threshold has no tier */
  tiers: readonly Tier[]
}

/** What the server keeps about a member for tiers. */
export interface MemberTierFacts {
  /** principal recharged minus principal refunded, never bonus */
  netRecharged: Fen
  /** the terms version the member accepted (at their first recharge, or by tapping accept); null before any */
  acceptedVersion: string | null
}
