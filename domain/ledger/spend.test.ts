import fc from 'fast-check'
import { planBillSpend } from '../checkout/spend'
import { applyDraws, type LotBalance, type SpendPolicy } from '../lots'
import { fen, type Fen } from '../money'
import { shardOf } from './accounts'
import { rechargePosting, type Posting } from './posting'
import { reconcile, type AccountRow } from './reconcile'
import { drawRevenue, spendPosting, type LotDraw } from './spend'

const d = (lotId: string, principal: number, bonus: number, lotPay: number, lotBonus: number, redeemedBefore = 0): LotDraw => ({
  lotId,
  principal: fen(principal),
  bonus: fen(bonus),
  lotPay: fen(lotPay),
  lotBonus: fen(lotBonus),
  redeemedBefore: fen(redeemedBefore)
})

describe('spendPosting', () => {
  const p = spendPosting({ paymentId: 'P1', requestId: 'req-12345678', openid: 'o1', storeId: 'store-jingan', draws: [d('lot:R1', 9_257, 1_543, 30_000, 5_000)] })
  const k = shardOf('P1')

  it('moves member principal and bonus to the spending store: revenue at 300/350 of ¥108, the rest bonus redeemed', () => {
    expect(p.entries).toEqual([
      { account: 'm:o1:principal', kind: 'member_principal', amount: -9_257 },
      { account: 'm:o1:bonus', kind: 'member_bonus', amount: -1_543 },
      { account: `s:store-jingan:revenue:${k}`, kind: 'store_revenue', amount: 9_257 },
      { account: `s:store-jingan:bonus-redeemed:${k}`, kind: 'store_bonus_redeemed', amount: 1_543 }
    ])
  })

  it('carries the store, the lots drawn and the request id, keyed by the payment', () => {
    expect(p).toMatchObject({
      id: 'spend:P1',
      kind: 'spend',
      memberId: 'o1',
      storeId: 'store-jingan',
      refs: { paymentId: 'P1', requestId: 'req-12345678' },
      lots: [{ lotId: 'lot:R1', principal: 9_257, bonus: 1_543, revenue: 9_257 }]
    })
  })

  it('recognises the lot ratio whatever the split drew: ¥60 bonus-first from 充300送50 earns ¥51.42', () => {
    const q = spendPosting({ paymentId: 'P2', requestId: 'r', openid: 'o1', storeId: 's', draws: [d('a', 0, 6_000, 30_000, 5_000)] })
    expect(q.entries.map((e) => [e.kind, e.amount])).toEqual([
      ['member_bonus', -6_000],
      ['store_revenue', 5_142],
      ['store_bonus_redeemed', 858]
    ])
  })

  it('a lot without bonus is all revenue; several lots add up on one entry per account', () => {
    const q = spendPosting({ paymentId: 'P3', requestId: 'r', openid: 'o1', storeId: 's', draws: [d('a', 500, 0, 1_000, 0), d('b', 700, 100, 3_500, 500, 800)] })
    expect(q.entries.map((e) => [e.kind, e.amount])).toEqual([
      ['member_principal', -1_200],
      ['member_bonus', -100],
      ['store_revenue', 500 + (1_400 - 700)],
      ['store_bonus_redeemed', 100]
    ])
  })

  it('refuses a draw beyond its lot, an empty spend, a lot drawn twice', () => {
    const f = { paymentId: 'P', requestId: 'r', openid: 'o', storeId: 's' }
    expect(() => spendPosting({ ...f, draws: [] })).toThrow()
    expect(() => spendPosting({ ...f, draws: [d('a', 100, 0, 1_000, 0, 901)] })).toThrow()
    expect(() => spendPosting({ ...f, draws: [d('a', 0, 0, 1_000, 0)] })).toThrow()
    expect(() => spendPosting({ ...f, draws: [d('a', 1, 0, 1_000, 0), d('a', 1, 0, 1_000, 0)] })).toThrow()
  })
})

describe('revenue rounding is cumulative per lot', () => {
  it('a lot spent to the end in any pieces recognises exactly what was paid for it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 200_000 }), fc.array(fc.integer({ min: 1, max: 50_000 }), { maxLength: 30 }), (pay, bonus, pieces) => {
        let redeemed = 0
        let revenue = 0
        const total = pay + bonus
        for (const piece of [...pieces, total]) {
          const take = Math.min(piece, total - redeemed)
          if (take === 0) break
          const r = drawRevenue(d('a', take, 0, pay, bonus, redeemed)) // the ratio is the lot's, not the draw's
          expect(r).toBeLessThanOrEqual(take)
          revenue += r
          redeemed += take
        }
        expect(redeemed).toBe(total)
        expect(revenue).toBe(pay)
      })
    )
  })
})

describe('the ledger invariant over random recharges and spends', () => {
  const policy = fc.record({
    split: fc.constantFrom('proportional' as const, 'principal_first' as const, 'bonus_first' as const),
    order: fc.constantFrom('fifo' as const, 'lifo' as const)
  })

  it('every posting sums to zero, balances match the journal and the lots, no member account goes negative, revenue never exceeds what was paid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 0, max: 50_000 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 150_000 }), fc.constantFrom('s1', 's2')), { maxLength: 12 }),
        policy,
        (recharges, bills, pol: SpendPolicy) => {
          const journal: Posting[] = []
          let lots: LotBalance[] = []
          const facts = new Map<string, { pay: Fen; bonus: Fen; redeemed: number }>()
          recharges.forEach(([pay, bonus], i) => {
            journal.push(rechargePosting({ outTradeNo: `R${i}`, transactionId: `T${i}`, openid: 'o', storeId: 's1', pay: fen(pay), bonus: fen(bonus) }))
            lots.push({ id: `lot:R${i}`, principalLeft: fen(pay), bonusLeft: fen(bonus), paidAt: `2026-11-0${i + 1}T10:00:00.000+08:00` })
            facts.set(`lot:R${i}`, { pay: fen(pay), bonus: fen(bonus), redeemed: 0 })
          })
          bills.forEach(([payable, store], i) => {
            const plan = planBillSpend(lots, fen(payable), pol)
            if (!plan.ok) return
            const draws = plan.data.draws.map((x) => {
              const l = facts.get(x.lotId)!
              return { ...x, lotPay: l.pay, lotBonus: l.bonus, redeemedBefore: fen(l.redeemed) }
            })
            journal.push(spendPosting({ paymentId: `P${i}`, requestId: `req${i}`, openid: 'o', storeId: store, draws }))
            for (const x of plan.data.draws) facts.get(x.lotId)!.redeemed += x.principal + x.bonus
            lots = applyDraws(lots, plan.data.draws)
          })
          // the account documents as the server keeps them: one row per account, summed from the entries
          const rows = new Map<string, AccountRow>()
          for (const e of journal.flatMap((q) => q.entries)) {
            const row = rows.get(e.account) ?? { _id: e.account, kind: e.kind, owner: e.account.split(':')[1], balance: 0 }
            row.balance += e.amount
            rows.set(e.account, row)
          }
          expect(reconcile(journal.map((q) => ({ _id: q.id, entries: q.entries, lots: q.lots })), [...rows.values()], [{ openid: 'o', lots }])).toEqual([])
          const byKind = (k: string) => [...rows.values()].filter((r) => r.kind === k).reduce((s, r) => s + r.balance, 0)
          const paid = recharges.reduce((s, [p]) => s + p, 0)
          expect(byKind('store_revenue')).toBeLessThanOrEqual(paid)
          // what left the members is exactly what the stores recognised or redeemed
          expect(byKind('store_revenue') + byKind('store_bonus_redeemed')).toBe(
            -(byKind('member_principal') + byKind('member_bonus')) + recharges.reduce((s, [p, b]) => s + p + b, 0)
          )
        }
      )
    )
  })
})

describe('reconcile covers spends', () => {
  it('finds a spend whose recorded lots disagree with its entries', () => {
    const p = spendPosting({ paymentId: 'P1', requestId: 'r', openid: 'o1', storeId: 's', draws: [d('a', 9_257, 1_543, 30_000, 5_000)] })
    const row = { _id: p.id, entries: p.entries, lots: p.lots! }
    const accountsOf = (rows: typeof row[]) =>
      rows.flatMap((r) => r.entries).map((e) => ({ _id: e.account, kind: 'x', owner: 'x', balance: e.amount }))
    expect(reconcile([row], accountsOf([row]))).toEqual([])
    const tampered = { ...row, lots: [{ ...row.lots[0], revenue: fen(9_000), bonus: fen(1_542) }] }
    expect(reconcile([tampered], accountsOf([tampered]))).toEqual([
      { kind: 'spend_lots_mismatch', id: 'spend:P1', what: 'bonus', entries: 1_543, lots: 1_542 },
      { kind: 'spend_lots_mismatch', id: 'spend:P1', what: 'revenue', entries: 9_257, lots: 9_000 }
    ])
  })
})
