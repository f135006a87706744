import { fen } from '../money'
import { applicableCampaigns, campaignEligibility, campaignValue, confirmReliedCampaigns, resolveStacking } from './campaigns'
import { campaign, ctx } from './test-helpers'
import type { RechargeTarget } from './types'

const p300: RechargeTarget = { kind: 'plan', planId: 'p300', pay: fen(30_000) }
const custom: RechargeTarget = { kind: 'custom', pay: fen(30_000) }
const ids = (cs: { id: string }[]) => cs.map((c) => c.id)

describe('campaignEligibility', () => {
  it('window: start inclusive, end exclusive, in Shanghai time', () => {
    const c = campaign({ startsAt: '2026-10-01T00:00:00.000+08:00', endsAt: '2026-10-08T00:00:00.000+08:00' })
    const at = (iso: string) => campaignEligibility(c, p300, ctx({ now: new Date(iso) }))
    expect(at('2026-09-30T15:59:59.999Z')).toBe('not_started')
    expect(at('2026-09-30T16:00:00.000Z')).toBe('ok')
    expect(at('2026-10-07T15:59:59.999Z')).toBe('ok')
    expect(at('2026-10-07T16:00:00.000Z')).toBe('ended')
  })

  it('a paused campaign does not apply even inside its window', () => {
    expect(campaignEligibility(campaign({ active: false }), p300, ctx())).toBe('inactive')
  })

  it('plan scope: listed plans only; custom amounts only when allowed', () => {
    const listed = campaign({ scope: { plans: ['p1000'], custom: false, stores: 'all', newMembersOnly: false } })
    expect(campaignEligibility(listed, p300, ctx())).toBe('plan_not_in_scope')
    expect(campaignEligibility(listed, { kind: 'plan', planId: 'p1000', pay: fen(100_000) }, ctx())).toBe('ok')
    expect(campaignEligibility(listed, custom, ctx())).toBe('custom_not_in_scope')
    const customOnly = campaign({ scope: { plans: [], custom: true, stores: 'all', newMembersOnly: false } })
    expect(campaignEligibility(customOnly, custom, ctx())).toBe('ok')
    expect(campaignEligibility(customOnly, p300, ctx())).toBe('plan_not_in_scope')
  })

  it('store scope, with online as a store id', () => {
    const c = campaign({ scope: { plans: 'all', custom: true, stores: ['online'], newMembersOnly: false } })
    expect(campaignEligibility(c, p300, ctx({ storeId: 'online' }))).toBe('ok')
    expect(campaignEligibility(c, p300, ctx({ storeId: 'store-a' }))).toBe('store_not_in_scope')
  })

  it('newMembersOnly applies to someone who is not a member yet', () => {
    const c = campaign({ scope: { plans: 'all', custom: true, stores: 'all', newMembersOnly: true } })
    expect(campaignEligibility(c, p300, ctx({ isMember: false }))).toBe('ok')
    expect(campaignEligibility(c, p300, ctx({ isMember: true }))).toBe('not_new_member')
  })

  it('minPay is inclusive', () => {
    const c = campaign({ scope: { plans: 'all', custom: true, stores: 'all', newMembersOnly: false, minPay: fen(30_000) } })
    expect(campaignEligibility(c, custom, ctx())).toBe('ok')
    expect(campaignEligibility(c, { kind: 'custom', pay: fen(29_999) }, ctx())).toBe('below_min_pay')
  })

  it('per-member limit: applies while uses < limit, stops at the limit', () => {
    const c = campaign({ id: 'c2', perMemberLimit: 2 })
    expect(campaignEligibility(c, p300, ctx())).toBe('ok')
    expect(campaignEligibility(c, p300, ctx({ campaignUses: { c2: 1 } }))).toBe('ok')
    expect(campaignEligibility(c, p300, ctx({ campaignUses: { c2: 2 } }))).toBe('limit_reached')
    expect(campaignEligibility(c, p300, ctx({ campaignUses: { other: 5 } }))).toBe('ok')
    expect(campaignEligibility(campaign({ id: 'c2' }), p300, ctx({ campaignUses: { c2: 99 } }))).toBe('ok')
  })

  it('the limit is reported only when it is the only reason', () => {
    const c = campaign({ id: 'c2', perMemberLimit: 1, active: false })
    expect(campaignEligibility(c, p300, ctx({ campaignUses: { c2: 1 } }))).toBe('inactive')
  })
})

describe('applicableCampaigns', () => {
  it('keeps exactly the eligible ones', () => {
    const cs = [campaign({ id: 'a' }), campaign({ id: 'b', active: false }), campaign({ id: 'c', perMemberLimit: 1 })]
    expect(ids(applicableCampaigns(cs, p300, ctx({ campaignUses: { c: 1 } })))).toEqual(['a'])
  })
})

describe('resolveStacking', () => {
  const fixed = (id: string, bonus: number, over = {}) => campaign({ id, effect: { kind: 'fixed', bonus: fen(bonus) }, ...over })
  const pay = fen(30_000)
  const planBonus = fen(5_000)

  it('all stack campaigns apply, listed by priority then id', () => {
    const got = resolveStacking([fixed('b', 100), fixed('a', 100), fixed('z', 100, { priority: 5 })], pay, planBonus)
    expect(ids(got)).toEqual(['z', 'a', 'b'])
  })

  it('one exclusive campaign per group: the one worth most to the member', () => {
    const got = resolveStacking(
      [
        fixed('small', 1_000, { stacking: 'exclusive', exclusiveGroup: 'g', priority: 9 }),
        campaign({ id: 'pct', effect: { kind: 'percent', bps: 1_000 }, stacking: 'exclusive', exclusiveGroup: 'g' }), // 3,000
        fixed('other-group', 500, { stacking: 'exclusive', exclusiveGroup: 'h' }),
        fixed('stacked', 200)
      ],
      pay,
      planBonus
    )
    expect(ids(got).sort()).toEqual(['other-group', 'pct', 'stacked'])
  })

  it('exclusive campaigns without a group share the default group', () => {
    const got = resolveStacking([fixed('a', 100, { stacking: 'exclusive' }), fixed('b', 300, { stacking: 'exclusive' })], pay, planBonus)
    expect(ids(got)).toEqual(['b'])
  })

  it('equal value: higher priority wins, then the smaller id', () => {
    const ex = { stacking: 'exclusive' as const, exclusiveGroup: 'g' }
    expect(ids(resolveStacking([fixed('a', 100, ex), fixed('b', 100, { ...ex, priority: 1 })], pay, planBonus))).toEqual(['b'])
    expect(ids(resolveStacking([fixed('b', 100, ex), fixed('a', 100, ex)], pay, planBonus))).toEqual(['a'])
  })

  it("a 'replace' campaign is worth its bonus minus the plan bonus it drops", () => {
    const replace = fixed('r', 6_000, { stacking: 'exclusive', onPlanBonus: 'replace' })
    const add = fixed('a', 2_000, { stacking: 'exclusive' })
    expect(campaignValue(replace, pay, planBonus)).toBe(1_000)
    expect(campaignValue(add, pay, planBonus)).toBe(2_000)
    // +20 on top of the plan's 50 (total 70) beats 60 instead of 50
    expect(ids(resolveStacking([replace, add], pay, planBonus))).toEqual(['a'])
    // with a plan bonus of 0 the replace one is worth its full 60
    expect(ids(resolveStacking([replace, add], pay, fen(0)))).toEqual(['r'])
  })

  it('a campaign worth less than nothing never applies', () => {
    const worse = fixed('worse', 3_000, { onPlanBonus: 'replace' }) // 30 instead of 50
    expect(resolveStacking([worse], pay, planBonus)).toEqual([])
    expect(ids(resolveStacking([worse], pay, fen(3_000)))).toEqual(['worse']) // worth exactly 0: harmless
  })

  it('a gift campaign competes with its stated value', () => {
    const gift = campaign({
      id: 'gift',
      stacking: 'exclusive',
      effect: { kind: 'gift', gift: { kind: 'gift_card', cardTemplateId: 'g', title: '礼品卡' }, value: fen(5_000) }
    })
    expect(ids(resolveStacking([gift, fixed('cash', 4_000, { stacking: 'exclusive' })], pay, planBonus))).toEqual(['gift'])
    expect(ids(resolveStacking([gift, fixed('cash', 6_000, { stacking: 'exclusive' })], pay, planBonus))).toEqual(['cash'])
  })

  it('does not depend on the order campaigns come in', () => {
    const cs = [
      fixed('a', 100, { stacking: 'exclusive' }),
      fixed('b', 100, { stacking: 'exclusive', priority: 2 }),
      fixed('c', 50),
      fixed('d', 70, { stacking: 'exclusive', exclusiveGroup: 'x' }),
      fixed('e', 70, { stacking: 'exclusive', exclusiveGroup: 'x' })
    ]
    const expected = ids(resolveStacking(cs, pay, planBonus))
    expect(expected).toEqual(['b', 'c', 'd'])
    expect(ids(resolveStacking([...cs].reverse(), pay, planBonus))).toEqual(expected)
  })
})

describe('confirmReliedCampaigns', () => {
  const limited = campaign({ id: 'welcome', title: '新人礼', perMemberLimit: 1 })

  it('refuses with CAMPAIGN_LIMIT_REACHED when a relied-on campaign is used up', () => {
    const r = confirmReliedCampaigns(['welcome'], [limited], p300, ctx({ campaignUses: { welcome: 1 } }))
    expect(r).toEqual({ ok: false, error: { code: 'CAMPAIGN_LIMIT_REACHED', message: '「新人礼」每人限1次，您已参加过' } })
  })

  it('passes while uses remain, and ignores campaigns gone for other reasons', () => {
    expect(confirmReliedCampaigns(['welcome'], [limited], p300, ctx())).toEqual({ ok: true, data: null })
    const ended = campaign({ id: 'old', perMemberLimit: 1, endsAt: '2026-11-02T00:00:00.000+08:00' })
    expect(confirmReliedCampaigns(['old', 'unknown'], [ended], p300, ctx({ campaignUses: { old: 1 } })).ok).toBe(true)
  })
})
