import { fen } from '../money'
import { quoteCustom, quotePlan } from './quote'
import { campaign, ctx, plan } from './test-helpers'
import type { CustomAmountRule } from './types'

const rule: CustomAmountRule = {
  enabled: true,
  min: fen(1_000),
  max: fen(500_000),
  bonus: { kind: 'per_step', step: fen(10_000), bonus: fen(500) }
}

describe('quotePlan', () => {
  it('without campaigns: credit = pay + plan bonus, gifts from the plan', () => {
    const gifts = [{ kind: 'coupon', templateId: 't', title: '券', count: 1 } as const]
    const q = quotePlan(plan({ id: 'p300', gifts }), [], ctx())
    expect(q).toEqual({
      ok: true,
      data: { planId: 'p300', pay: 30_000, planBonus: 5_000, campaignBonus: 0, bonus: 5_000, credit: 35_000, gifts, campaignIds: [] }
    })
  })

  it('refuses an inactive, out-of-window or other-store plan with PLAN_NOT_AVAILABLE', () => {
    for (const p of [plan({ active: false }), plan({ stores: ['elsewhere'] }), plan({ endsAt: '2026-11-01T00:00:00.000+08:00' })]) {
      const q = quotePlan(p, [], ctx())
      expect(q.ok).toBe(false)
      if (!q.ok) expect(q.error.code).toBe('PLAN_NOT_AVAILABLE')
    }
  })

  it("'add' campaigns add to the plan bonus; stacked ones add up", () => {
    const q = quotePlan(
      plan(),
      [campaign({ id: 'pct', effect: { kind: 'percent', bps: 1_000 } }), campaign({ id: 'fix', effect: { kind: 'fixed', bonus: fen(2_000) } })],
      ctx()
    )
    expect(q.ok && q.data).toMatchObject({ planBonus: 5_000, campaignBonus: 5_000, bonus: 10_000, credit: 40_000, campaignIds: ['fix', 'pct'] })
  })

  it("a 'replace' campaign drops the plan bonus once; other campaign bonuses still add", () => {
    const q = quotePlan(
      plan(),
      [
        campaign({ id: 'r', onPlanBonus: 'replace', effect: { kind: 'fixed', bonus: fen(8_000) } }),
        campaign({ id: 's', effect: { kind: 'fixed', bonus: fen(1_000) } })
      ],
      ctx()
    )
    expect(q.ok && q.data).toMatchObject({ planBonus: 0, campaignBonus: 9_000, bonus: 9_000, credit: 39_000 })
  })

  it('campaign gifts come after plan gifts', () => {
    const planGift = { kind: 'points_multiplier', factor: 200 } as const
    const campGift = { kind: 'gift_card', cardTemplateId: 'g', title: '礼品卡' } as const
    const q = quotePlan(plan({ gifts: [planGift] }), [campaign({ effect: { kind: 'gift', gift: campGift } })], ctx())
    expect(q.ok && q.data.gifts).toEqual([planGift, campGift])
    expect(q.ok && q.data.bonus).toBe(5_000)
  })
})

describe('quoteCustom', () => {
  const amount = (n: number) => quoteCustom(fen(n), rule, [], ctx())

  it('accepts min and max exactly, refuses one fen outside', () => {
    expect(amount(1_000).ok).toBe(true)
    expect(amount(500_000).ok).toBe(true)
    for (const n of [999, 500_001, 0]) {
      const q = amount(n)
      expect(q).toEqual({ ok: false, error: { code: 'AMOUNT_OUT_OF_RANGE', message: '充值金额须在10元至5000元之间' } })
    }
  })

  it('refuses everything when custom amounts are disabled', () => {
    const q = quoteCustom(fen(10_000), { ...rule, enabled: false }, [], ctx())
    expect(q.ok === false && q.error.code).toBe('AMOUNT_OUT_OF_RANGE')
  })

  it('refuses a non-integer amount as out of range rather than throwing', () => {
    const q = quoteCustom(12.5 as never, rule, [], ctx())
    expect(q.ok === false && q.error.code).toBe('AMOUNT_OUT_OF_RANGE')
  })

  it('applies the rule bonus and custom-scoped campaigns', () => {
    expect(amount(25_000)).toEqual({
      ok: true,
      data: { planId: null, pay: 25_000, planBonus: 1_000, campaignBonus: 0, bonus: 1_000, credit: 26_000, gifts: [], campaignIds: [] }
    })
    const noCustom = campaign({ id: 'plans-only', scope: { plans: 'all', custom: false, stores: 'all', newMembersOnly: false } })
    const q = quoteCustom(fen(25_000), rule, [noCustom, campaign({ id: 'any', effect: { kind: 'percent', bps: 1_000 } })], ctx())
    expect(q.ok && q.data).toMatchObject({ campaignBonus: 2_500, bonus: 3_500, credit: 28_500, campaignIds: ['any'] })
  })
})
