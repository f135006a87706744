/**
 * Which tier a member holds, and under which version of the terms.
 *
 * A member's tier follows from their net recharged principal under the terms version THEY
 * accepted, not the newest one: a merchant who raises thresholds or trims a discount cannot take
 * away what an existing member was promised (B2, G1). The member keeps their version until they
 * accept a newer one; `pendingTerms` tells the page what accepting would change. A member who has
 * accepted nothing yet (no recharge) is shown the current terms.
 */
import { fen, sub, type Fen } from '../money'
import type { MemberTierFacts, Tier, TierTerms } from './types'

export class TierTermsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TierTermsError'
  }
}

/** The highest tier whose threshold the amount reaches, or null. Tiers are in ascending order. */
export function tierFor(netRecharged: Fen, terms: TierTerms): Tier | null {
  let held: Tier | null = null
  for (const t of terms.tiers) if (netRecharged >= t.threshold) held = t
  return held
}

export interface TierProgress {
  tier: Tier | null
  next: Tier | null
  /** principal still to recharge to reach `next`; 0 at the top tier */
  toNext: Fen
}

export function tierProgress(netRecharged: Fen, terms: TierTerms): TierProgress {
  const tier = tierFor(netRecharged, terms)
  const next = terms.tiers.find((t) => t.threshold > netRecharged) ?? null
  return { tier, next, toNext: next ? sub(next.threshold, netRecharged) : fen(0) }
}

export interface MemberTier extends TierProgress {
  /** the version this tier was computed under */
  version: string
  /** set when the current terms are newer than the member's: their tier under them, to show before accepting */
  pendingTerms: { version: string; tier: Tier | null } | null
}

/**
 * `versions` holds every published version (old ones are kept as long as a member holds them);
 * `currentVersion` is the one new members accept.
 */
export function memberTier(member: MemberTierFacts, versions: readonly TierTerms[], currentVersion: string): MemberTier {
  const find = (v: string) => {
    const t = versions.find((x) => x.version === v)
    if (!t) throw new TierTermsError(`tier terms version ${v} is not stored`)
    return t
  }
  const current = find(currentVersion)
  const own = member.acceptedVersion === null ? current : find(member.acceptedVersion)
  const pendingTerms = own === current ? null : { version: current.version, tier: tierFor(member.netRecharged, current) }
  return { ...tierProgress(member.netRecharged, own), version: own.version, pendingTerms }
}

/** The tier a recharge (or refund) moves the member to, when it moves them: for "升级为金卡". */
export function tierChange(before: Fen, after: Fen, terms: TierTerms): { from: Tier | null; to: Tier | null } | null {
  const from = tierFor(before, terms)
  const to = tierFor(after, terms)
  return from?.id === to?.id ? null : { from, to }
}

/**
 * The version a member holds after a credited recharge: their first recharge accepts the current
 * terms (shown on the recharge page); later ones keep the member's own version, because topping
 * up is not consent to terms that may be worse for them. Only an explicit accept moves it on.
 */
export function versionAfterRecharge(member: Pick<MemberTierFacts, 'acceptedVersion'>, currentVersion: string): string {
  return member.acceptedVersion ?? currentVersion
}

/** The discount a tier gives (1000 = none), for pricing. */
export const payPermilleOf = (tier: Tier | null): number => tier?.payPermille ?? 1000
