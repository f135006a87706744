import { fen } from '../money'
import { DEMO_OFFER_SETTINGS } from './demo'
import { quoteRecharge, type Offers } from './recharge'
import { campaign, ctx, plan } from './test-helpers'

const offers: Offers = { plans: [plan({ id: 'p300' })], campaigns: [campaign({ id: 'c' })], settings: DEMO_OFFER_SETTINGS }
const empty = { principal: fen(0), bonus: fen(0) }
const code = (r: ReturnType<typeof quoteRecharge>) => (r.ok ? 'ok' : r.error.code)

describe('quoteRecharge', () => {
  it('prices a plan and reports the cap after it', () => {
    const r = quoteRecharge({ kind: 'plan', planId: 'p300' }, offers, { ...ctx(), balance: empty })
    expect(r.ok && r.data).toMatchObject({ planId: 'p300', pay: 30_000, bonus: 6_000, credit: 36_000, campaignIds: ['c'] })
    expect(r.ok && r.data.cap).toEqual({ limit: 500_000, counted: 0, room: 500_000, after: 36_000 })
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
