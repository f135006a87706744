import fc from 'fast-check'
import { fen } from '../money'
import { applyDraws, lotTotals } from '../lots'
import { planBillSpend, planMixedSpend } from './spend'
import { lot } from './test-helpers'

const lots = [lot('b', 100_000, 20_000, 2), lot('a', 30_000, 5_000, 1)]

describe('planBillSpend', () => {
  it('draws proportionally from the oldest lot: ¥108 from 充300送50 = ¥92.57 principal + ¥15.43 bonus', () => {
    expect(planBillSpend(lots, fen(10_800))).toEqual({
      ok: true,
      data: { draws: [{ lotId: 'a', principal: 9_257, bonus: 1_543 }], principal: 9_257, bonus: 1_543, charged: 10_800 }
    })
  })

  it('never partial: a balance that cannot cover is INSUFFICIENT_BALANCE with the shortfall and draws nothing', () => {
    expect(planBillSpend([lot('a', 10_000, 2_000)], fen(12_050))).toEqual({
      ok: false,
      error: { code: 'INSUFFICIENT_BALANCE', message: '余额不足，还差¥0.50' },
      shortfall: 50
    })
  })

  it('a bill a coupon fully paid draws nothing', () => {
    expect(planBillSpend([], fen(0))).toEqual({ ok: true, data: { draws: [], principal: 0, bonus: 0, charged: 0 } })
  })

  it('follows the merchant split (bonus first)', () => {
    const r = planBillSpend(lots, fen(6_000), { split: 'bonus_first', order: 'fifo' })
    expect(r).toMatchObject({ ok: true, data: { principal: 0, bonus: 6_000, charged: 6_000 } })
  })
})

describe('planMixedSpend', () => {
  it('balance pays what it holds, WeChat Pay the rest', () => {
    const m = planMixedSpend([lot('a', 10_000, 2_000)], fen(20_000))
    expect(m.wechat).toBe(8_000)
    expect(m.balance).toMatchObject({ principal: 10_000, bonus: 2_000, charged: 12_000 })
    expect(planMixedSpend([], fen(500))).toEqual({ balance: { draws: [], principal: 0, bonus: 0, charged: 0 }, wechat: 500 })
    expect(planMixedSpend(lots, fen(500)).wechat).toBe(0)
  })
})

describe('over random lots, bills and splits', () => {
  const lotsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 28 })), { maxLength: 5 })
  const policy = fc.record({ split: fc.constantFrom('proportional' as const, 'principal_first' as const, 'bonus_first' as const), order: fc.constantFrom('fifo' as const, 'lifo' as const) })

  it('principal + bonus = charged = payable, or nothing at all; mixed parts add up to the payable; no lot goes negative', () => {
    fc.assert(
      fc.property(lotsArb, fc.integer({ min: 0, max: 600_000 }), policy, (ls, payable, pol) => {
        const wallet = ls.map(([p, b, d], i) => lot(`l${i}`, p, b, d))
        const t = lotTotals(wallet)
        const r = planBillSpend(wallet, fen(payable), pol)
        if (r.ok) {
          expect(r.data.principal + r.data.bonus).toBe(payable)
          expect(r.data.charged).toBe(payable)
          const after = lotTotals(applyDraws(wallet, r.data.draws))
          expect(after.principal + after.bonus).toBe(t.principal + t.bonus - payable)
        } else {
          expect(r.shortfall).toBe(payable - t.principal - t.bonus)
          expect(r.shortfall).toBeGreaterThan(0)
        }
        const m = planMixedSpend(wallet, fen(payable), pol)
        expect(m.balance.charged + m.wechat).toBe(payable)
        expect(m.balance.principal + m.balance.bonus).toBe(m.balance.charged)
        expect(m.wechat === 0).toBe(r.ok)
        applyDraws(wallet, m.balance.draws) // throws if a lot would go negative
      })
    )
  })
})
