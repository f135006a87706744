import fc from 'fast-check'
import { fen } from './money'
import { applyDraws, lotTotals, planSpend, type LotBalance } from './lots'

const lot = (id: string, p: number, b: number, paidAt: string): LotBalance => ({ id, principalLeft: fen(p), bonusLeft: fen(b), paidAt })

describe('planSpend', () => {
  const a = lot('a', 30000, 5000, '2026-01-01T10:00:00+08:00')
  const b = lot('b', 100000, 20000, '2026-02-01T10:00:00+08:00')

  it('draws proportionally from the oldest lot first (充300送50, spend 100 → 85.71 + 14.29)', () => {
    const plan = planSpend([b, a], fen(10000))
    expect(plan).toEqual({ ok: true, draws: [{ lotId: 'a', principal: 8571, bonus: 1429 }], principal: 8571, bonus: 1429 })
  })

  it('moves on to the next lot when the first runs out', () => {
    const plan = planSpend([a, b], fen(40000))
    if (!plan.ok) throw new Error('expected ok')
    expect(plan.draws.map((d) => d.lotId)).toEqual(['a', 'b'])
    expect(plan.draws[0]).toEqual({ lotId: 'a', principal: 30000, bonus: 5000 })
    expect(plan.principal + plan.bonus).toBe(40000)
  })

  it('principal first drains principal across lots before touching bonus', () => {
    const plan = planSpend([a], fen(31000), { split: 'principal_first', order: 'fifo' })
    expect(plan).toMatchObject({ ok: true, principal: 30000, bonus: 1000 })
  })

  it('bonus first leaves the most principal refundable (domain rules D2 table: 250 left)', () => {
    const plan = planSpend([a], fen(10000), { split: 'bonus_first', order: 'fifo' })
    if (!plan.ok) throw new Error('expected ok')
    expect(applyDraws([a], plan.draws)[0].principalLeft).toBe(25000)
  })

  it('lifo takes the newest lot first', () => {
    const plan = planSpend([a, b], fen(100), { split: 'proportional', order: 'lifo' })
    if (!plan.ok) throw new Error('expected ok')
    expect(plan.draws[0].lotId).toBe('b')
  })

  it('refuses to overdraw and reports what is available', () => {
    expect(planSpend([a], fen(35001))).toEqual({ ok: false, code: 'INSUFFICIENT_BALANCE', available: 35000 })
  })

  it('never creates or loses a fen and never takes a lot below zero', () => {
    const lotArb = fc.record({ p: fc.integer({ min: 0, max: 200000 }), b: fc.integer({ min: 0, max: 50000 }), day: fc.integer({ min: 1, max: 28 }) })
    fc.assert(
      fc.property(
        fc.array(lotArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 500000 }),
        fc.constantFrom('proportional', 'principal_first', 'bonus_first'),
        fc.constantFrom('fifo', 'lifo'),
        (ls, amount, split, order) => {
          const lots = ls.map((l, i) => lot(`l${i}`, l.p, l.b, `2026-01-${String(l.day).padStart(2, '0')}T00:00:00+08:00`))
          const before = lotTotals(lots)
          const plan = planSpend(lots, fen(amount), { split: split as never, order: order as never })
          if (!plan.ok) {
            expect(before.principal + before.bonus).toBeLessThan(amount)
            return
          }
          expect(plan.principal + plan.bonus).toBe(amount)
          const after = lotTotals(applyDraws(lots, plan.draws))
          expect(after.principal).toBe(before.principal - plan.principal)
          expect(after.bonus).toBe(before.bonus - plan.bonus)
        }
      )
    )
  })
})
