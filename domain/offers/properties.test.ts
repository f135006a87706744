/**
 * Properties of quoting over random, valid offer data: the sums always hold, amounts are
 * integer fen, campaigns never take value away, and the result depends only on the data.
 */
import fc from 'fast-check'
import { fen, type Fen } from '../money'
import { effectGiftValue, ruleBonus } from './bonus'
import { DEFAULT_EXCLUSIVE_GROUP } from './campaigns'
import { quoteCustom, quotePlan } from './quote'
import { bonusRuleProblems, campaignProblems, planProblems } from './validate'
import type { BonusRule, Campaign, CustomAmountRule, Gift, Plan, Quote, QuoteContext } from './types'

const NOW_MS = Date.UTC(2026, 10, 23, 4)
const iso = (ms: number) => new Date(ms).toISOString()
const DAY = 86_400_000

const fenArb = (min: number, max: number) => fc.integer({ min, max }).map((n) => fen(n))
const stores = fc.constantFrom<'all' | string[]>('all', ['s1'], ['s2', 'online'], ['s1', 's2'])

const gift: fc.Arbitrary<Gift> = fc.oneof(
  fc.record({ kind: fc.constant('coupon' as const), templateId: fc.constant('t'), title: fc.constant('券'), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('points_multiplier' as const), factor: fc.integer({ min: 101, max: 500 }) }),
  fc.record({ kind: fc.constant('gift_card' as const), cardTemplateId: fc.constant('g'), title: fc.constant('卡') })
)

// weighted so that most generated campaigns apply and the stacking rules get exercised
const mostly = <T>(usual: T, other: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(usual), weight: 4 }, { arbitrary: other, weight: 1 })

const window = fc
  .tuple(fc.oneof({ arbitrary: fc.integer({ min: -30, max: -10 }), weight: 4 }, { arbitrary: fc.integer({ min: -30, max: 30 }), weight: 1 }), fc.integer({ min: 1, max: 60 }))
  .map(([startDay, len]) => ({ startsAt: iso(NOW_MS + startDay * DAY), endsAt: iso(NOW_MS + (startDay + len) * DAY) }))

const planArb: fc.Arbitrary<Plan> = fc.record({
  id: fc.constantFrom('p1', 'p2', 'p3'),
  title: fc.constant('plan'),
  pay: fenArb(1, 500_000),
  bonus: fenArb(0, 100_000),
  gifts: fc.array(gift, { maxLength: 2 }),
  stores,
  active: fc.constant(true),
  sort: fc.integer({ min: 0, max: 3 })
})

const bonusRule: fc.Arbitrary<BonusRule> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('per_step' as const), step: fenArb(1, 50_000), bonus: fenArb(0, 5_000) }),
  fc.record({ kind: fc.constant('percent' as const), bps: fc.integer({ min: 0, max: 10_000 }) }),
  fc
    .uniqueArray(fc.integer({ min: 1, max: 500_000 }), { maxLength: 5 })
    .chain((mins) => fc.array(fenArb(0, 20_000), { minLength: mins.length, maxLength: mins.length }).map((bs) => ({ mins, bs })))
    .map(({ mins, bs }) => {
      // non-decreasing bonuses by min, as validation requires
      const sortedMins = [...mins].sort((a, b) => a - b)
      const sortedBonus = [...bs].sort((a, b) => a - b)
      return { kind: 'tiers' as const, tiers: sortedMins.map((m, i) => ({ min: fen(m), bonus: sortedBonus[i] })) }
    })
)

const campaignArb = (id: string): fc.Arbitrary<Campaign> =>
  fc
    .record({
      window,
      active: mostly(true, fc.boolean()),
      plans: mostly<'all' | string[]>('all', fc.constantFrom(['p1'], ['p2', 'p3'], [])),
      custom: mostly(true, fc.boolean()),
      stores: mostly<'all' | string[]>('all', stores),
      newMembersOnly: mostly(false, fc.boolean()),
      minPay: mostly(undefined, fenArb(1, 300_000)),
      effect: fc.oneof(
        fc.record({ kind: fc.constant('percent' as const), bps: fc.integer({ min: 1, max: 10_000 }) }),
        fc.record({ kind: fc.constant('fixed' as const), bonus: fenArb(1, 50_000) }),
        fc.record({ kind: fc.constant('gift' as const), gift, value: fc.option(fenArb(0, 10_000), { nil: undefined }) })
      ),
      perMemberLimit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      exclusive: fc.option(fc.constantFrom('g1', 'g2', DEFAULT_EXCLUSIVE_GROUP), { nil: undefined }),
      priority: fc.integer({ min: 0, max: 2 }),
      onPlanBonus: fc.constantFrom('add' as const, 'replace' as const)
    })
    .map((r) => ({
      id,
      title: id,
      active: r.active,
      ...r.window,
      scope: { plans: r.plans, custom: r.custom || r.plans.length === 0, stores: r.stores, newMembersOnly: r.newMembersOnly, ...(r.minPay ? { minPay: r.minPay } : {}) },
      effect: r.effect,
      ...(r.perMemberLimit ? { perMemberLimit: r.perMemberLimit } : {}),
      stacking: r.exclusive === undefined ? ('stack' as const) : ('exclusive' as const),
      ...(r.exclusive ? { exclusiveGroup: r.exclusive } : {}),
      priority: r.priority,
      onPlanBonus: r.onPlanBonus
    }))

const campaignsArb = fc
  .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 })
  .chain((ids) => fc.tuple(...ids.map(campaignArb)))
  .map((cs) => cs as Campaign[])

const ctxArb: fc.Arbitrary<QuoteContext> = fc.record({
  now: fc.integer({ min: NOW_MS - 10 * DAY, max: NOW_MS + 10 * DAY }).map((ms) => new Date(ms)),
  storeId: fc.constantFrom('s1', 's2', 'online'),
  isMember: fc.boolean(),
  campaignUses: fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 }))
})

function expectWellFormed(q: Quote, base: Fen, campaigns: readonly Campaign[]) {
  for (const n of [q.pay, q.planBonus, q.campaignBonus, q.bonus, q.credit]) {
    expect(Number.isSafeInteger(n)).toBe(true)
    expect(n).toBeGreaterThanOrEqual(0)
  }
  expect(q.bonus).toBe(q.planBonus + q.campaignBonus)
  expect(q.credit).toBe(q.pay + q.bonus)
  expect([0, base]).toContain(q.planBonus)
  // campaigns add value, never take it away
  const applied = campaigns.filter((c) => q.campaignIds.includes(c.id))
  const giftValue = applied.reduce((s, c) => s + effectGiftValue(c.effect), 0)
  expect(q.bonus + giftValue).toBeGreaterThanOrEqual(base)
  // at most one campaign per exclusive group
  const groups = applied.filter((c) => c.stacking === 'exclusive').map((c) => c.exclusiveGroup ?? DEFAULT_EXCLUSIVE_GROUP)
  expect(new Set(groups).size).toBe(groups.length)
}

const shuffled = <T>(xs: readonly T[], seed: number) =>
  xs.map((x, i) => ({ x, k: (i * 7919 + seed) % 104_729 })).sort((a, b) => a.k - b.k).map((e) => e.x)

describe('quote properties', () => {
  it('generated data is valid data', () => {
    fc.assert(
      fc.property(planArb, campaignsArb, bonusRule, (p, cs, r) => {
        expect(planProblems(p)).toEqual([])
        for (const c of cs) expect(campaignProblems(c)).toEqual([])
        expect(bonusRuleProblems(r)).toEqual([])
      })
    )
  })

  it('plan quotes: credit = pay + bonus, integers ≥ 0, campaigns never worse, deterministic in any campaign order', () => {
    fc.assert(
      fc.property(planArb, campaignsArb, ctxArb, fc.nat(), (p, cs, ctx, seed) => {
        const r = quotePlan(p, cs, ctx)
        if (!r.ok) {
          expect(r.error.code).toBe('PLAN_NOT_AVAILABLE')
          return
        }
        expectWellFormed(r.data, p.bonus, cs)
        expect(r.data.pay).toBe(p.pay)
        expect(quotePlan(p, cs, ctx)).toEqual(r)
        expect(quotePlan(p, shuffled(cs, seed), ctx)).toEqual(r)
      }),
      { numRuns: 500 }
    )
  })

  it('custom quotes: same sums; out-of-range amounts refused, in-range accepted', () => {
    fc.assert(
      fc.property(bonusRule, fenArb(1, 100_000), fenArb(0, 500_000), fenArb(1, 600_000), campaignsArb, ctxArb, (bonus, min, span, amount, cs, ctx) => {
        const rule: CustomAmountRule = { enabled: true, min, max: fen(min + span), bonus }
        const r = quoteCustom(amount, rule, cs, ctx)
        expect(r.ok).toBe(amount >= rule.min && amount <= rule.max)
        if (!r.ok) return
        expectWellFormed(r.data, ruleBonus(amount, bonus), cs)
        expect(r.data.planId).toBeNull()
        expect(quoteCustom(amount, rule, [...cs].reverse(), ctx)).toEqual(r)
      }),
      { numRuns: 500 }
    )
  })

  it('a bigger custom amount never earns a smaller rule bonus', () => {
    fc.assert(
      fc.property(bonusRule, fenArb(1, 500_000), fenArb(0, 100_000), (rule, a, d) => {
        expect(ruleBonus(fen(a + d), rule)).toBeGreaterThanOrEqual(ruleBonus(a, rule))
      })
    )
  })
})
