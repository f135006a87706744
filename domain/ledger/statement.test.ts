import fc from 'fast-check'
import { fen } from '../money'
import { shardOf } from './accounts'
import { rechargePosting, type Posting } from './posting'
import { spendPosting } from './spend'
import { refundHoldPosting, refundSettlePosting, type HeldPart } from './refund'
import { fundStatement, fundStatements, liabilityReport, storeOfAccount, type StatementRow } from './statement'

const row = (p: Posting, createdAt: string): StatementRow => ({ _id: p.id, kind: p.kind, memberId: p.memberId, createdAt, entries: p.entries })
const recharge = (no: string, store: string, pay: number, bonus: number, openid = 'o1') => rechargePosting({ outTradeNo: no, transactionId: `T${no}`, openid, storeId: store, pay: fen(pay), bonus: fen(bonus) })
const part: HeldPart = { outRefundNo: 'RF1-R2', outTradeNo: 'R2', storeId: 's1', lotId: 'lot:R2', amount: fen(21_429), principal: fen(21_429), bonus: fen(3_571), forfeited: fen(3_571) }
/** ¥100 spent at store s2 from the 充300送50 lot: 85.71 revenue, 14.29 bonus redeemed */
const spend = spendPosting({ paymentId: 'P1', requestId: 'r', openid: 'o1', storeId: 's2', draws: [{ lotId: 'lot:R2', principal: fen(8_571), bonus: fen(1_429), lotPay: fen(30_000), lotBonus: fen(5_000), redeemedBefore: fen(0) }] })
const journal: StatementRow[] = [
  row(recharge('R1', 's1', 10_000, 0), '2026-10-31T12:00:00.000+08:00'),
  row(recharge('R2', 's1', 30_000, 5_000), '2026-11-02T12:00:00.000+08:00'),
  row(recharge('R3', 's2', 20_000, 0, 'o2'), '2026-11-03T12:00:00.000+08:00'),
  row(spend, '2026-11-04T12:00:00.000+08:00'),
  row(refundHoldPosting('RF1', 'o1', [part]), '2026-11-05T12:00:00.000+08:00'),
  row(refundSettlePosting('RF1', 'o1', part), '2026-11-06T12:00:00.000+08:00'),
  row(recharge('R4', 's1', 500, 0), '2026-12-01T00:00:00.000+08:00')
]
const NOV = [new Date('2026-11-01T00:00:00.000+08:00'), new Date('2026-12-01T00:00:00.000+08:00')] as const

describe('fundStatement', () => {
  it("a store's November: opening, recharges sold there, refunds paid from it, closing; the period's end is exclusive", () => {
    expect(fundStatement(journal, 's1', ...NOV)).toMatchObject({ opening: 10_000, recharges: 30_000, refunds: 21_429, other: 0, closing: 18_571, spending: 0 })
  })

  it('shows spending at the store that redeemed, with the revenue recognised, without moving its cash', () => {
    expect(fundStatement(journal, 's2', ...NOV)).toMatchObject({ opening: 0, recharges: 20_000, refunds: 0, closing: 20_000, spending: 10_000, revenue: 8_571 })
  })

  it("the merchant's statement is the sum of its stores'", () => {
    const all = fundStatements(journal, ...NOV)
    expect(all.map((s) => s.storeId)).toEqual(['s1', 's2', null])
    // a store that only redeems has a statement too
    const onlySpent = fundStatements([row(spend, '2026-11-04T12:00:00.000+08:00')], ...NOV)
    expect(onlySpent.map((s) => [s.storeId, s.closing, s.spending])).toEqual([['s2', 0, 10_000], [null, 0, 10_000]])
    expect(all[2]).toMatchObject({ opening: 10_000, recharges: 50_000, refunds: 21_429, closing: 38_571, spending: 10_000 })
  })

  it('refuses a period that ends before it starts', () => {
    expect(() => fundStatement(journal, 's1', NOV[1], NOV[0])).toThrow(RangeError)
  })

  it('closing of one period is the opening of the next, and equals the fund balance (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 0, max: 40 })), { maxLength: 12 }), fc.integer({ min: 1, max: 39 }), (rs, cut) => {
        const base = new Date('2026-11-01T00:00:00.000+08:00').getTime()
        const j = rs.map(([pay, day], i) => row(recharge(`R${i}`, 's1', pay, 0), new Date(base + day * 86_400_000).toISOString()))
        const t0 = new Date(base)
        const t1 = new Date(base + cut * 86_400_000)
        const t2 = new Date(base + 41 * 86_400_000)
        const first = fundStatement(j, 's1', t0, t1)
        const second = fundStatement(j, 's1', t1, t2)
        expect(second.opening).toBe(first.closing)
        expect(second.closing).toBe(rs.reduce((s, [p]) => s + p, 0))
      })
    )
  })
})

describe('liabilityReport', () => {
  const asOf = new Date('2026-11-30T00:00:00.000+08:00')
  it('principal, bonus, held, revenue recognised', () => {
    const r = liabilityReport(journal, asOf, NOV[0])
    expect(r).toMatchObject({ principalOutstanding: 10_000 + 30_000 - 8_571 - 21_429 + 20_000, bonusOutstanding: 5_000 - 1_429 - 3_571, heldForRefunds: 0, revenueRecognised: 8_571 })
    const mid = liabilityReport(journal, new Date('2026-11-05T18:00:00.000+08:00'), NOV[0])
    expect(mid.heldForRefunds).toBe(25_000)
  })

  it('reports balances untouched for dormantDays as dormant, never writing them off', () => {
    const later = new Date('2027-11-05T00:00:00.000+08:00')
    const r = liabilityReport(journal, later, NOV[0], { dormantDays: 365 })
    expect(r.dormant).toEqual({ members: 1, principal: 20_000, bonus: 0 }) // o2, last posting 2026-11-03
    expect(r.principalOutstanding).toBe(30_500) // o1 recharged again on 12-01: not dormant
  })

  it('alerts when the balance passes the revenue ratio, custody is short, or the warning level is reached', () => {
    const limits = { revenueRatioBp: 4_000, lastYearRevenue: fen(75_000), custodyRatioBp: 2_000, previousQuarterEndPrincipal: fen(100_001), custodyHeld: fen(20_000), warnAbove: fen(30_000) }
    const r = liabilityReport(journal, asOf, NOV[0], limits)
    expect(r.custodyRequired).toBe(20_001) // rounded up: never short by a fen
    // 30,000 owed = exactly 40% of 75,000: allowed, no ratio alert
    expect(r.alerts).toEqual([
      { kind: 'custody_short', required: 20_001, held: 20_000 },
      { kind: 'balance_warning', principal: 30_000, level: 30_000 }
    ])
    // one fen of revenue less and the ratio is passed
    expect(liabilityReport(journal, asOf, NOV[0], { revenueRatioBp: 4_000, lastYearRevenue: fen(74_999) }).alerts.map((a) => a.kind)).toEqual(['over_revenue_ratio'])
    expect(liabilityReport(journal, asOf, NOV[0], { warnAbove: fen(30_001) }).alerts).toEqual([])
  })
})

describe('storeOfAccount', () => {
  it('reads the store from store accounts, null for members', () => {
    expect(storeOfAccount(`s:store-a:fund:${shardOf('x')}`)).toBe('store-a')
    expect(storeOfAccount('s:s2:bonus-redeemed:3')).toBe('s2')
    expect(storeOfAccount('m:o1:principal')).toBeNull()
  })
})
