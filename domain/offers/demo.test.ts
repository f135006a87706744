import { fen } from '../money'
import { DEMO_CAMPAIGNS, DEMO_OFFER_SETTINGS, DEMO_PLANS, DEMO_STORES } from './demo'
import { quoteCustom, quotePlan } from './quote'
import { availablePlans } from './scope'
import { campaignProblems, planProblems, settingsProblems } from './validate'
import type { QuoteContext } from './types'

const plan = (id: string) => DEMO_PLANS.find((p) => p.id === id)!
const at = (iso: string, over: Partial<QuoteContext> = {}): QuoteContext => ({
  now: new Date(iso), storeId: 'store-xuhui', isMember: true, campaignUses: {}, ...over
})

describe('demo merchant data', () => {
  it('is valid data', () => {
    for (const p of DEMO_PLANS) expect(planProblems(p)).toEqual([])
    for (const c of DEMO_CAMPAIGNS) expect(campaignProblems(c)).toEqual([])
    expect(settingsProblems(DEMO_OFFER_SETTINGS)).toEqual([])
    expect(DEMO_STORES.map((s) => s.id)).toEqual(['store-xuhui', 'store-jingan', 'online'])
  })

  it('campaign windows are Shanghai dates: new-member from 2026-11-01 for a year, 国庆 10-01..10-07', () => {
    const byId = Object.fromEntries(DEMO_CAMPAIGNS.map((c) => [c.id, c]))
    expect(byId['c-newmember'].startsAt).toBe('2026-11-01T00:00:00.000+08:00')
    expect(byId['c-newmember'].endsAt).toBe('2027-11-01T00:00:00.000+08:00')
    expect(byId['c-guoqing-2026'].startsAt).toBe('2026-10-01T00:00:00.000+08:00')
    expect(byId['c-guoqing-2026'].endsAt).toBe('2026-10-08T00:00:00.000+08:00')
  })

  it('both plans sell in every store and online', () => {
    for (const storeId of ['store-xuhui', 'store-jingan', 'online']) {
      expect(availablePlans(DEMO_PLANS, { now: new Date('2026-11-23T04:00:00Z'), storeId }).map((p) => p.id)).toEqual(['p300', 'p1000'])
    }
  })

  it('a new customer now: 充300送50 is 350 (the welcome bonus starts at 1000)', () => {
    const q = quotePlan(plan('p300'), DEMO_CAMPAIGNS, at('2026-11-23T04:00:00Z', { isMember: false }))
    expect(q.ok && q.data).toMatchObject({ pay: 30_000, planBonus: 5_000, campaignBonus: 0, credit: 35_000, campaignIds: [] })
  })

  it('a new customer now: 充1000送200 + 新人20 = 1220', () => {
    const q = quotePlan(plan('p1000'), DEMO_CAMPAIGNS, at('2026-11-23T04:00:00Z', { isMember: false }))
    expect(q.ok && q.data).toMatchObject({ pay: 100_000, planBonus: 20_000, campaignBonus: 2_000, credit: 122_000, campaignIds: ['c-newmember'] })
  })

  it('an existing member now: 充1000送200 with a coupon and 2× points, no campaign', () => {
    const q = quotePlan(plan('p1000'), DEMO_CAMPAIGNS, at('2026-11-23T04:00:00Z'))
    expect(q.ok && q.data).toMatchObject({ pay: 100_000, bonus: 20_000, credit: 120_000, campaignIds: [] })
    expect(q.ok && q.data.gifts.map((g) => g.kind)).toEqual(['coupon', 'points_multiplier'])
  })

  it('the new-member bonus is once per member', () => {
    const q = quotePlan(plan('p1000'), DEMO_CAMPAIGNS, at('2026-11-23T04:00:00Z', { isMember: false, campaignUses: { 'c-newmember': 1 } }))
    expect(q.ok && q.data.credit).toBe(120_000)
  })

  it('during 国庆 +10% of the paid amount stacked on the plan; not a minute after 10-07 ends in Shanghai', () => {
    const during = quotePlan(plan('p300'), DEMO_CAMPAIGNS, at('2026-10-07T15:59:59.999Z'))
    expect(during.ok && during.data).toMatchObject({ campaignBonus: 3_000, credit: 38_000, campaignIds: ['c-guoqing-2026'] })
    const after = quotePlan(plan('p300'), DEMO_CAMPAIGNS, at('2026-10-07T16:00:00.000Z'))
    expect(after.ok && after.data).toMatchObject({ campaignBonus: 0, credit: 35_000, campaignIds: [] })
  })

  it('custom 250元: 每满100送5 gives 10元', () => {
    const q = quoteCustom(fen(25_000), DEMO_OFFER_SETTINGS.custom, DEMO_CAMPAIGNS, at('2026-11-23T04:00:00Z'))
    expect(q.ok && q.data.credit).toBe(26_000)
  })
})
