import fc from 'fast-check'
import { applyDraws, planSpend, type SplitMode } from '../lots'
import { fen } from '../money'
import { DEFAULT_REFUND_POLICY, RefundError, type RefundPolicy } from './policy'
import { principalLeftUnder, quoteRefund, type RefundableLot } from './rule'

const PAID = '2026-11-01T10:00:00.000+08:00'
const at = (iso: string) => new Date(iso)
const DAY = 86_400_000
const lot = (over: Partial<RefundableLot> = {}): RefundableLot => ({
  id: 'lot:R1',
  outTradeNo: 'R1',
  storeId: 's1',
  principal: fen(30_000),
  bonus: fen(5_000),
  principalLeft: fen(30_000),
  bonusLeft: fen(5_000),
  paidAt: PAID,
  ...over
})
const after = at('2026-11-20T10:00:00.000+08:00')

describe('the issue example: 充300送50, then spend 100', () => {
  const spent = (split: SplitMode) => {
    const l = lot()
    const plan = planSpend([l], fen(10_000), { split, order: 'fifo' })
    if (!plan.ok) throw new Error('plan')
    return { ...l, ...applyDraws([l], plan.draws)[0] }
  }

  it('gives 214.29 yuan back under the proportional rule, and takes back 35.71 of bonus', () => {
    const q = quoteRefund([spent('proportional')], after)
    expect(q.refundable).toBe(21_429)
    expect(q.bonusForfeited).toBe(3_571)
    expect(q).toMatchObject({ withinCoolingOff: false, approval: 'staff' })
  })

  it('gives the D2 table figures under the other split rules: 200.00 principal first, 250.00 bonus first', () => {
    const l = spent('proportional')
    expect(quoteRefund([l], after, { ...DEFAULT_REFUND_POLICY, split: 'principal_first' }).refundable).toBe(20_000)
    expect(quoteRefund([l], after, { ...DEFAULT_REFUND_POLICY, split: 'bonus_first' }).refundable).toBe(25_000)
  })

  it('prices the refund by the refund rule, not by the split the spending used', () => {
    expect(quoteRefund([spent('principal_first')], after).refundable).toBe(21_429)
    expect(quoteRefund([spent('bonus_first')], after).refundable).toBe(21_429)
  })
})

describe('rounding', () => {
  it('rounds the consumed principal down, so the member gets the fraction of a fen', () => {
    // 1 fen spent of 充3送1 (weights 3:1): consumed principal 0.75 → 0, refund the whole 3
    expect(principalLeftUnder('proportional', fen(3), fen(1), 1)).toBe(3)
    // 充300送50 spend 100: 85.714… → 85.71 consumed, 214.29 back (not 214.28)
    expect(principalLeftUnder('proportional', fen(30_000), fen(5_000), 10_000)).toBe(21_429)
  })
})

describe('the cooling-off window (B8)', () => {
  it('is open from the recharge until exactly coolingOffDays later', () => {
    const paid = at(PAID).getTime()
    expect(quoteRefund([lot()], new Date(paid + 7 * DAY - 1)).withinCoolingOff).toBe(true)
    expect(quoteRefund([lot()], new Date(paid + 7 * DAY)).withinCoolingOff).toBe(false)
  })

  it('returns the whole principal of an untouched lot and takes back all its bonus and unused gifts', () => {
    const q = quoteRefund([lot({ unusedGiftIds: ['g1'] })], at('2026-11-03T10:00:00.000+08:00'))
    expect(q).toMatchObject({ refundable: 30_000, bonusForfeited: 5_000, withinCoolingOff: true, approval: 'auto' })
    expect(q.lots[0].giftsTakenBack).toEqual(['g1'])
  })

  it('never gives less inside the window than the split rule gives after it', () => {
    // spent principal-first: 100 of principal gone; the proportional figure (214.29) is more
    const l = lot({ principalLeft: fen(20_000) })
    expect(quoteRefund([l], at('2026-11-02T10:00:00.000+08:00')).refundable).toBe(21_429)
    // spent bonus-first: 250 principal left; inside the window that is what comes back
    const m = lot({ principalLeft: fen(25_000), bonusLeft: fen(0) })
    expect(quoteRefund([m], at('2026-11-02T10:00:00.000+08:00')).refundable).toBe(25_000)
    expect(quoteRefund([m], after).refundable).toBe(21_429)
  })

  it('mixes lots inside and outside the window: staff approve when any lot is outside', () => {
    const old = lot()
    const fresh = lot({ id: 'lot:R2', outTradeNo: 'R2', paidAt: '2026-11-19T10:00:00.000+08:00' })
    const q = quoteRefund([old, fresh], after)
    expect(q.lots.map((x) => x.withinCoolingOff)).toEqual([false, true])
    expect(q).toMatchObject({ refundable: 60_000, withinCoolingOff: false, approval: 'staff' })
  })

  it('a merchant can turn the window off or approve everything automatically', () => {
    const off: RefundPolicy = { ...DEFAULT_REFUND_POLICY, coolingOffDays: 0, approval: { withinCoolingOff: 'auto', afterCoolingOff: 'auto' } }
    expect(quoteRefund([lot()], at(PAID), off)).toMatchObject({ withinCoolingOff: false, approval: 'auto' })
    expect(() => quoteRefund([lot()], after, { ...DEFAULT_REFUND_POLICY, coolingOffDays: -1 })).toThrow(RefundError)
  })
})

describe('what is left alone', () => {
  it('skips empty lots and lots that would give nothing back, bonus included', () => {
    const empty = lot({ principalLeft: fen(0), bonusLeft: fen(0) })
    const bonusOnly = lot({ id: 'lot:R2', principalLeft: fen(0), bonusLeft: fen(100) })
    const q = quoteRefund([empty, bonusOnly], after, { ...DEFAULT_REFUND_POLICY, split: 'principal_first' })
    expect(q).toMatchObject({ refundable: 0, bonusForfeited: 0, lots: [] })
  })

  it('refuses lots whose remainders exceed what was recharged', () => {
    expect(() => quoteRefund([lot({ principalLeft: fen(30_001) })], after)).toThrow(RefundError)
    expect(() => quoteRefund([lot({ bonusLeft: fen(5_001) })], after)).toThrow(RefundError)
    expect(() => quoteRefund([lot({ principal: fen(0), principalLeft: fen(0) })], after)).toThrow(RefundError)
  })
})

describe('properties over random lots, spends and policies', () => {
  const arb = fc
    .tuple(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 20 }))
    .chain(([p, b, pct, day]) => {
      const used = Math.floor(((p + b) * pct) / 1_000)
      return fc.tuple(fc.constantFrom<SplitMode>('proportional', 'principal_first', 'bonus_first'), fc.constantFrom<SplitMode>('proportional', 'principal_first', 'bonus_first')).map(([spendSplit, refundSplit]) => {
        const l = lot({ principal: fen(p), bonus: fen(b), principalLeft: fen(p), bonusLeft: fen(b) })
        const plan = used > 0 ? planSpend([l], fen(used), { split: spendSplit, order: 'fifo' }) : null
        const spent = plan && plan.ok ? { ...l, ...applyDraws([l], plan.draws)[0] } : l
        return { spent, refundSplit, now: new Date(at(PAID).getTime() + day * DAY) }
      })
    })

  it('refund + forfeited = what the lot holds; refund ≤ principal paid; nothing negative; the window never lowers it', () => {
    fc.assert(
      fc.property(arb, ({ spent, refundSplit, now }) => {
        const policy = { ...DEFAULT_REFUND_POLICY, split: refundSplit }
        const q = quoteRefund([spent], now, policy)
        for (const x of q.lots) {
          expect(x.refund + x.forfeited).toBe(spent.principalLeft + spent.bonusLeft)
          expect(x.refund).toBeGreaterThan(0)
          expect(x.forfeited).toBeGreaterThanOrEqual(0)
          expect(x.refund).toBeLessThanOrEqual(spent.principal)
        }
        const late = quoteRefund([spent], new Date(at(PAID).getTime() + 30 * DAY), policy)
        expect(q.refundable).toBeGreaterThanOrEqual(late.refundable)
        // proportional is what courts apply: it equals the remaining balance × paid/(paid+bonus), rounded up
        const prop = quoteRefund([spent], new Date(at(PAID).getTime() + 30 * DAY)).refundable
        const left = spent.principalLeft + spent.bonusLeft
        const exact = (left * spent.principal) / (spent.principal + spent.bonus)
        if (left > 0) expect(prop === Math.ceil(exact) || (prop === 0 && exact === 0)).toBe(true)
      })
    )
  })
})
