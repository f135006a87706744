import fc from 'fast-check'
import { fen } from '../money'
import { DEMO_CAMPAIGNS, DEMO_OFFER_SETTINGS, DEMO_PLANS } from './demo'
import { fitsCap, maxCustomPay, quoteRecharge, type Offers, type RechargeContext } from './recharge'
import { campaign, ctx, plan } from './test-helpers'
import type { BonusRule } from './types'

const offers: Offers = { plans: [plan({ id: 'p300' })], campaigns: [campaign({ id: 'c' })], settings: DEMO_OFFER_SETTINGS }
const empty = { principal: fen(0), bonus: fen(0) }
const code = (r: ReturnType<typeof quoteRecharge>) => (r.ok ? 'ok' : r.error.code)

describe('quoteRecharge', () => {
  it('prices a plan and reports the cap after it', () => {
    const r = quoteRecharge({ kind: 'plan', planId: 'p300' }, offers, { ...ctx(), balance: empty })
    expect(r.ok && r.data).toMatchObject({ planId: 'p300', pay: 30_000, bonus: 6_000, credit: 36_000, campaignIds: ['c'] })
    expect(r.ok && r.data.cap).toEqual({ limit: 500_000, counted: 0, held: 0, room: 500_000, after: 36_000 })
  })

  it('prices a custom amount with the settings rule', () => {
    const r = quoteRecharge({ kind: 'custom', amount: fen(20_000) }, offers, { ...ctx(), balance: empty })
    expect(r.ok && r.data).toMatchObject({ planId: null, planBonus: 1_000, campaignBonus: 1_000, credit: 22_000 })
  })

  it('risk mode suspends every top-up before anything else is checked', () => {
    const risky = { ...offers, settings: { ...offers.settings, riskMode: true } }
    const full = { principal: fen(500_000), bonus: fen(0) }
    expect(code(quoteRecharge({ kind: 'plan', planId: 'p300' }, risky, { ...ctx(), balance: empty }))).toBe('TOPUP_SUSPENDED')
    expect(code(quoteRecharge({ kind: 'plan', planId: 'nope' }, risky, { ...ctx(), balance: full }))).toBe('TOPUP_SUSPENDED')
    expect(code(quoteRecharge({ kind: 'custom', amount: fen(1) }, risky, { ...ctx(), balance: empty }))).toBe('TOPUP_SUSPENDED')
  })

  it('unknown plan → PLAN_NOT_AVAILABLE; bad amount → AMOUNT_OUT_OF_RANGE; then the cap', () => {
    expect(code(quoteRecharge({ kind: 'plan', planId: 'nope' }, offers, { ...ctx(), balance: empty }))).toBe('PLAN_NOT_AVAILABLE')
    expect(code(quoteRecharge({ kind: 'custom', amount: fen(999) }, offers, { ...ctx(), balance: empty }))).toBe('AMOUNT_OUT_OF_RANGE')
    const nearlyFull = { principal: fen(470_000), bonus: fen(0) }
    expect(code(quoteRecharge({ kind: 'plan', planId: 'p300' }, offers, { ...ctx(), balance: nearlyFull }))).toBe('BALANCE_CAP_EXCEEDED')
  })
})

describe('maxCustomPay: the largest amount the member can pay now', () => {
  const demo: Offers = { plans: DEMO_PLANS, campaigns: DEMO_CAMPAIGNS, settings: DEMO_OFFER_SETTINGS }
  const custom = (amount: number, o: Offers, c: RechargeContext) => quoteRecharge({ kind: 'custom', amount: fen(amount) }, o, c)

  it('with ¥350 stored, bonus counted: ¥4430 (¥4430 + 送¥220 = the ¥4650 of room), not ¥4650', () => {
    const c = { ...ctx(), balance: { principal: fen(30_000), bonus: fen(5_000) } }
    expect(maxCustomPay(demo, c)).toBe(443_000)
    expect(code(custom(443_000, demo, c))).toBe('ok')
    const over = custom(443_001, demo, c)
    expect(over.ok === false && over.error).toEqual({ code: 'BALANCE_CAP_EXCEEDED', message: '余额上限¥5000.00（含赠送金额），本次充值到账后将超出，当前最多还可充值¥4430.00' })
  })

  it('a new member: the welcome campaign counts, so ¥4745, not ¥5000', () => {
    const c = { ...ctx({ isMember: false }), balance: empty }
    expect(maxCustomPay(demo, c)).toBe(474_500)
    expect(code(custom(474_500, demo, c))).toBe('ok')
    expect(code(custom(474_501, demo, c))).toBe('BALANCE_CAP_EXCEEDED')
  })

  it("unpaid orders' room is held; 0 when nothing fits, custom amounts are off, or top-ups are suspended", () => {
    const c = { ...ctx(), balance: { principal: fen(30_000), bonus: fen(5_000) }, held: fen(400_000) }
    expect(maxCustomPay(demo, c)).toBe(62_000) // room ¥650: 充620 送30
    expect(maxCustomPay(demo, { ...c, held: fen(464_500) })).toBe(0) // room 500 fen, below the 10元 minimum
    expect(maxCustomPay({ ...demo, settings: { ...demo.settings, custom: { ...demo.settings.custom, enabled: false } } }, c)).toBe(0)
    expect(maxCustomPay({ ...demo, settings: { ...demo.settings, riskMode: true } }, c)).toBe(0)
  })

  it('maxPay passes, maxPay + 1 fen is refused, and no larger amount passes (property)', () => {
    const bonusRule = fc.oneof(
      fc.constant<BonusRule>({ kind: 'none' }),
      fc.record({ kind: fc.constant('per_step' as const), step: fc.integer({ min: 100, max: 50_000 }).map(fen), bonus: fc.integer({ min: 0, max: 5_000 }).map(fen) }),
      fc.record({ kind: fc.constant('percent' as const), bps: fc.integer({ min: 0, max: 3_000 }) }),
      fc.record({ kind: fc.constant('tiers' as const), tiers: fc.array(fc.record({ min: fc.integer({ min: 0, max: 400_000 }).map(fen), bonus: fc.integer({ min: 0, max: 30_000 }).map(fen) }), { maxLength: 4 }) })
    )
    const effect = fc.oneof(
      fc.record({ kind: fc.constant('fixed' as const), bonus: fc.integer({ min: 0, max: 20_000 }).map(fen) }),
      fc.record({ kind: fc.constant('percent' as const), bps: fc.integer({ min: 0, max: 2_000 }) })
    )
    const camp = fc.record({
      id: fc.constantFrom('a', 'b', 'c'),
      effect,
      minPay: fc.option(fc.integer({ min: 0, max: 400_000 }).map(fen), { nil: undefined }),
      stacking: fc.constantFrom('stack' as const, 'exclusive' as const),
      onPlanBonus: fc.constantFrom('add' as const, 'replace' as const)
    })
    fc.assert(
      fc.property(
        bonusRule,
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.array(camp, { maxLength: 3 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.boolean(),
        (rule, min, span, camps, principal, bonus, held, countsBonus) => {
          const o: Offers = {
            plans: [],
            campaigns: camps.map((x, i) => campaign({ id: `${x.id}${i}`, effect: x.effect, stacking: x.stacking, onPlanBonus: x.onPlanBonus, scope: { plans: 'all', custom: true, stores: 'all', newMembersOnly: false, minPay: x.minPay } })),
            settings: { ...DEMO_OFFER_SETTINGS, capCountsBonus: countsBonus, custom: { enabled: true, min: fen(min), max: fen(min + span), bonus: rule } }
          }
          const c = { ...ctx(), balance: { principal: fen(principal), bonus: fen(bonus) }, held: fen(held) }
          const max = maxCustomPay(o, c)
          if (max > 0) expect(code(custom(max, o, c))).toBe('ok')
          // above it nothing passes: the next fen, the top of the range, and a spread between
          const above = max > 0 ? max + 1 : min
          for (let k = 0; k <= 8; k++) {
            const a = Math.round(above + ((min + span - above) * k) / 8)
            if (a >= above && a <= min + span) expect(code(custom(a, o, c))).not.toBe('ok')
          }
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('fitsCap', () => {
  it('says whether a plan can be paid now, held room counted', () => {
    const q = { pay: fen(30_000), credit: fen(35_000) }
    const settings = DEMO_OFFER_SETTINGS
    expect(fitsCap(q, settings, { balance: { principal: fen(465_000), bonus: fen(0) } })).toBe(true)
    expect(fitsCap(q, settings, { balance: { principal: fen(465_000), bonus: fen(0) }, held: fen(1) })).toBe(false)
  })
})
