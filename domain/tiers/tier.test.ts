import fc from 'fast-check'
import { fen } from '../money'
import { DEMO_TIER_TERMS as v1 } from './demo'
import { memberTier, TierTermsError, tierFor, tierChange, tierProgress, versionAfterRecharge } from './tier'
import type { TierTerms } from './types'

// the merchant raises 金卡 to 1000 and trims its discount to 92折 in a new version
const v2: TierTerms = {
  version: '2027-01-01',
  tiers: [v1.tiers[0], { ...v1.tiers[1], threshold: fen(100_000), payPermille: 920 }, v1.tiers[2]]
}

describe('tierFor / tierProgress', () => {
  it('follows net recharged principal: below 300 nothing, 300 银卡, 800 金卡, 1500 黑金 (thresholds inclusive)', () => {
    expect(tierFor(fen(29_999), v1)).toBeNull()
    expect(tierFor(fen(30_000), v1)?.name).toBe('银卡')
    expect(tierFor(fen(80_000), v1)?.name).toBe('金卡')
    expect(tierFor(fen(1_000_000), v1)?.name).toBe('黑金')
  })

  it('says what the next tier takes', () => {
    expect(tierProgress(fen(35_000), v1)).toMatchObject({ tier: { id: 'silver' }, next: { id: 'gold' }, toNext: 45_000 })
    expect(tierProgress(fen(0), v1)).toMatchObject({ tier: null, next: { id: 'silver' }, toNext: 30_000 })
    expect(tierProgress(fen(150_000), v1)).toMatchObject({ tier: { id: 'black' }, next: null, toNext: 0 })
  })

  it('a refund that takes net principal below a threshold lowers the tier (G1 a)', () => {
    expect(tierFor(fen(80_000 - 30_000), v1)?.id).toBe('silver')
  })

  it('more recharged never means a lower tier or a worse discount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: 0, max: 500_000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const r = (n: number) => tierFor(fen(n), v1)?.payPermille ?? 1000
        expect(r(hi)).toBeLessThanOrEqual(r(lo))
      })
    )
  })
})

describe('memberTier: versioned terms', () => {
  const versions = [v1, v2]

  it('a member keeps the terms they accepted: 900 recharged under v1 stays 金卡 9折 after v2 is published', () => {
    const t = memberTier({ netRecharged: fen(90_000), acceptedVersion: v1.version }, versions, v2.version)
    expect(t).toMatchObject({ version: v1.version, tier: { id: 'gold', payPermille: 900 } })
    // and the page can show what accepting v2 would change: back to 银卡
    expect(t.pendingTerms).toEqual({ version: v2.version, tier: v1.tiers[0] })
  })

  it('they keep climbing under their own thresholds until they accept', () => {
    const t = memberTier({ netRecharged: fen(80_000), acceptedVersion: v1.version }, versions, v2.version)
    expect(t.tier?.id).toBe('gold')
    expect(t.next?.id).toBe('black')
  })

  it('after accepting, the new terms apply; a member with nothing accepted sees the current terms', () => {
    expect(memberTier({ netRecharged: fen(90_000), acceptedVersion: v2.version }, versions, v2.version)).toMatchObject({
      version: v2.version,
      tier: { id: 'silver' },
      pendingTerms: null,
      toNext: 10_000
    })
    expect(memberTier({ netRecharged: fen(0), acceptedVersion: null }, versions, v2.version)).toMatchObject({ version: v2.version, tier: null })
  })

  it('never gives an existing member a worse discount than their accepted terms, whatever the merchant publishes', () => {
    const permille = fc.integer({ min: 500, max: 1000 })
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300_000 }), permille, permille, permille, (n, a, b, c) => {
        const changed: TierTerms = {
          version: 'new',
          tiers: [
            { ...v1.tiers[0], payPermille: Math.max(a, b, c) },
            { ...v1.tiers[1], payPermille: Math.max(b, c) },
            { ...v1.tiers[2], payPermille: c }
          ]
        }
        const promised = tierFor(fen(n), v1)?.payPermille ?? 1000
        const got = memberTier({ netRecharged: fen(n), acceptedVersion: v1.version }, [v1, changed], 'new').tier?.payPermille ?? 1000
        expect(got).toBeLessThanOrEqual(promised)
      })
    )
  })

  it('refuses a version that is not stored (a deleted version would silently drop a promise)', () => {
    expect(() => memberTier({ netRecharged: fen(1), acceptedVersion: 'gone' }, versions, v2.version)).toThrow(TierTermsError)
    expect(() => memberTier({ netRecharged: fen(1), acceptedVersion: null }, versions, 'nope')).toThrow(TierTermsError)
  })
})

describe('versionAfterRecharge', () => {
  it('a first recharge accepts the current terms; a later one keeps the member’s own (topping up is not consent)', () => {
    expect(versionAfterRecharge({ acceptedVersion: null }, v2.version)).toBe(v2.version)
    expect(versionAfterRecharge({ acceptedVersion: v1.version }, v2.version)).toBe(v1.version)
  })
})

describe('tierChange', () => {
  it('names the move a recharge or refund makes, and nothing when the tier stays', () => {
    expect(tierChange(fen(0), fen(100_000), v1)).toEqual({ from: null, to: v1.tiers[1] })
    expect(tierChange(fen(90_000), fen(40_000), v1)).toEqual({ from: v1.tiers[1], to: v1.tiers[0] })
    expect(tierChange(fen(30_000), fen(79_999), v1)).toBeNull()
    expect(tierChange(fen(0), fen(29_999), v1)).toBeNull()
  })
})
