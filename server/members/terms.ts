/**
 * Tier terms as merchant data (`settings.tiers`: every published version and the current one) and
 * the member's tier as stored on their document. Checkout prices with the STORED tier: it was
 * computed under the version the member accepted (domain/tiers memberTier), at their last credit,
 * refund or acceptTerms, so publishing new terms changes nobody's price until they accept.
 */
import { fen } from '../../domain/money'
import { memberTier, tierFor, type MemberTier, type MemberTierFacts, type Tier, type TierTerms } from '../../domain/tiers'
import type { MemberDoc, StoredTier } from '../collections'
import type { MerchantSettings, TierSettings } from '../merchant'

/** A merchant without tiers: one empty version, so every member has tier null. */
export const NO_TIERS: TierTerms = { version: 'none', tiers: [] }

export function tierSettingsOf(s: Pick<MerchantSettings, 'tiers'> | null | undefined): TierSettings {
  return s?.tiers?.versions?.length ? s.tiers : { current: NO_TIERS.version, versions: [NO_TIERS] }
}

export const termsVersion = (ts: TierSettings, version: string): TierTerms | null => ts.versions.find((v) => v.version === version) ?? null

/** netRecharged, falling back to rechargedTotal on documents credited before it existed (no refunds were applied then). */
export const netRechargedOf = (m: Pick<MemberDoc, 'netRecharged' | 'rechargedTotal'> | null | undefined): number => m?.netRecharged ?? m?.rechargedTotal ?? 0

export function tierFacts(m: MemberDoc | null | undefined): MemberTierFacts {
  return { netRecharged: fen(netRechargedOf(m)), acceptedVersion: m?.termsVersion ?? null }
}

export const storedTier = (t: Tier | null): StoredTier | null => (t ? { id: t.id, name: t.name, payPermille: t.payPermille } : null)

/** The stored tier as the pricing function takes it (only payPermille prices). */
export const pricingTier = (t: StoredTier | null | undefined): Tier | null => (t ? { ...t, threshold: fen(0), benefits: [] } : null)

/**
 * The member's tier under their own version, or null when that version is no longer stored (a
 * merchant removed it by hand): the caller keeps what the member holds rather than dropping it.
 */
export function ownTier(ts: TierSettings, netRecharged: number, version: string): StoredTier | null | undefined {
  const terms = termsVersion(ts, version)
  if (!terms) {
    console.error('[chuzhi] tier terms version is not stored; the member keeps their tier', version)
    return undefined
  }
  return storedTier(tierFor(fen(netRecharged), terms))
}

/** The member page's view of tiers (domain memberTier). Throws when the member's version is not stored. */
export function memberTierOf(m: MemberDoc | null, s: Pick<MerchantSettings, 'tiers'> | null): { ts: TierSettings; mt: MemberTier } {
  const ts = tierSettingsOf(s)
  const facts = tierFacts(m)
  // a version the merchant removed (validation refuses that, but by hand) reads as the current one
  const usable = facts.acceptedVersion && termsVersion(ts, facts.acceptedVersion) ? facts : { ...facts, acceptedVersion: null }
  return { ts, mt: memberTier(usable, ts.versions, ts.current) }
}

/**
 * The tier a member holds: the stored one. A document credited before tiers were stored has none
 * yet; it is computed from its recharges under the current terms (what its next credit stores),
 * so members from before this release get their discount at once, at no extra read.
 */
export function heldTier(m: MemberDoc | null, s: Pick<MerchantSettings, 'tiers'> | null): StoredTier | null {
  if (!m) return null
  if (m.tier !== undefined) return m.tier
  return storedTier(memberTierOf(m, s).mt.tier)
}
