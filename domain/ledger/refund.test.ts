import fc from 'fast-check'
import { applyDraws, planSpend, type LotBalance } from '../lots'
import { fen, type Fen } from '../money'
import { allocateRefund, type PaymentState } from '../refunds/allocate'
import { putBackIntoLots, takeFromLots } from '../refunds/hold'
import { quoteRefund, type RefundableLot } from '../refunds/rule'
import { shardOf } from './accounts'
import { rechargePosting, type Entry, type Posting } from './posting'
import { spendPosting } from './spend'
import { reconcile, type AccountRow } from './reconcile'
import { balanceReturnPosting, refundHoldPosting, refundReleasePosting, refundSettlePosting, type HeldPart } from './refund'

const part = (over: Partial<HeldPart> = {}): HeldPart => ({
  outRefundNo: 'RF1-R1',
  outTradeNo: 'R1',
  storeId: 's1',
  lotId: 'lot:R1',
  amount: fen(21_429),
  principal: fen(21_429),
  bonus: fen(3_571),
  forfeited: fen(3_571),
  ...over
})
const k = shardOf('R1')

describe('refund postings', () => {
  it('hold: the lot leaves the spendable accounts for the refund hold', () => {
    expect(refundHoldPosting('RF1', 'o1', [part()]).entries).toEqual([
      { account: 'm:o1:principal', kind: 'member_principal', amount: -21_429 },
      { account: 'm:o1:bonus', kind: 'member_bonus', amount: -3_571 },
      { account: 'm:o1:refund-hold', kind: 'member_refund_hold', amount: 25_000 }
    ])
  })

  it('settle: cash leaves the selling store fund, the bonus taken back reverses its cost', () => {
    const p = refundSettlePosting('RF1', 'o1', part())
    expect(p.id).toBe('refund:RF1-R1')
    expect(p.entries).toEqual([
      { account: 'm:o1:refund-hold', kind: 'member_refund_hold', amount: -25_000 },
      { account: `s:s1:fund:${k}`, kind: 'store_fund', amount: 21_429 },
      { account: `s:s1:promo:${k}`, kind: 'store_promo', amount: 3_571 }
    ])
  })

  it('settle: principal kept under a principal-first rule is the store revenue, not a bonus reversal', () => {
    const p = refundSettlePosting('RF1', 'o1', part({ amount: fen(20_000), principal: fen(21_429), bonus: fen(3_571), forfeited: fen(5_000) }))
    expect(p.entries.map((e) => [e.account, e.amount])).toEqual([
      ['m:o1:refund-hold', -25_000],
      [`s:s1:fund:${k}`, 20_000],
      [`s:s1:promo:${k}`, 3_571],
      [`s:s1:revenue:${k}`, 1_429]
    ])
  })

  it('release: the held value goes back as principal and bonus', () => {
    const p = refundReleasePosting('RF1', 'o1', part())
    expect(p.id).toBe('refund-release:RF1-R1')
    expect(p.entries.map((e) => [e.account, e.amount])).toEqual([
      ['m:o1:refund-hold', -25_000],
      ['m:o1:principal', 21_429],
      ['m:o1:bonus', 3_571]
    ])
  })

  it('reconcile finds a refund hold that went negative (a part settled that was never held)', () => {
    const settled = refundSettlePosting('RF1', 'o1', part())
    const rows = settled.entries.map((e) => ({ _id: e.account, kind: e.kind, owner: 'x', balance: e.amount }))
    expect(reconcile([{ _id: settled.id, entries: settled.entries }], rows)).toContainEqual({ kind: 'negative_member_balance', account: 'm:o1:refund-hold', balance: -25_000 })
  })

  it('refuses parts that do not add up or pay nothing', () => {
    expect(() => refundHoldPosting('RF1', 'o1', [])).toThrow()
    expect(() => refundSettlePosting('RF1', 'o1', part({ forfeited: fen(3_570) }))).toThrow()
    expect(() => refundReleasePosting('RF1', 'o1', part({ amount: fen(0), forfeited: fen(25_000) }))).toThrow()
  })
})

/** A journal that keeps one posting per id, as the DB does with the posting id as _id. */
function book() {
  const journal = new Map<string, Posting>()
  return {
    post(p: Posting) {
      if (!journal.has(p.id)) journal.set(p.id, p)
    },
    rows: () => [...journal.values()].map((p) => ({ _id: p.id, entries: p.entries, lots: p.lots })),
    accounts(): AccountRow[] {
      const rows = new Map<string, AccountRow>()
      for (const e of [...journal.values()].flatMap((p) => p.entries)) {
        const r = rows.get(e.account) ?? { _id: e.account, kind: e.kind, owner: e.account.split(':')[1], balance: 0 }
        r.balance += e.amount
        rows.set(e.account, r)
      }
      return [...rows.values()]
    },
    balance: (account: string) => [...journal.values()].flatMap((p) => p.entries).filter((e) => e.account === account).reduce((s, e) => s + e.amount, 0)
  }
}

describe('a refund from request to outcome keeps the ledger whole', () => {
  it('over random recharges, spending and outcomes: balanced, lots = accounts, nothing held at the end, replays change nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 150_000 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (recharges, spend, outcomes) => {
          const j = book()
          const now = new Date('2026-11-25T10:00:00.000+08:00')
          let lots: RefundableLot[] = recharges.map(([pay, bonus, day], i) => ({
            id: `lot:R${i}`,
            outTradeNo: `R${i}`,
            storeId: i % 2 ? 's2' : 's1',
            principal: fen(pay),
            bonus: fen(bonus),
            principalLeft: fen(pay),
            bonusLeft: fen(bonus),
            paidAt: new Date(now.getTime() - day * 86_400_000 - 1).toISOString()
          }))
          recharges.forEach(([pay, bonus], i) => j.post(rechargePosting({ outTradeNo: `R${i}`, transactionId: `T${i}`, openid: 'o', storeId: lots[i].storeId, pay: fen(pay), bonus: fen(bonus) })))
          const plan = spend > 0 ? planSpend(lots, fen(spend)) : null
          if (plan && plan.ok) {
            const draws = plan.draws.map((d) => {
              const l = lots.find((x) => x.id === d.lotId)!
              return { ...d, lotPay: l.principal, lotBonus: l.bonus, redeemedBefore: fen(0) }
            })
            const sp = spendPosting({ paymentId: 'P1', requestId: 'r', openid: 'o', storeId: 's1', draws })
            j.post(sp)
            lots = applyDraws(lots, plan.draws) as RefundableLot[]
          }
          const q = quoteRefund(lots, now)
          if (q.refundable === 0) return
          const payments: PaymentState[] = recharges.map(([pay], i) => ({ outTradeNo: `R${i}`, transactionId: `T${i}`, paidAt: lots[i].paidAt, total: fen(pay), refunded: fen(0), refundCount: 0 }))
          const parts = allocateRefund('RF1', q.lots, payments, now)
          j.post(refundHoldPosting('RF1', 'o', parts))
          let wallet: LotBalance[] = takeFromLots(lots, parts)
          expect(reconcile(j.rows(), j.accounts(), [{ openid: 'o', lots: wallet }])).toEqual([])
          let paidOut = 0
          parts.forEach((p, i) => {
            const ok = outcomes[i % outcomes.length]
            for (let n = 0; n < 2; n++) {
              // every outcome delivered twice: the second changes nothing
              if (ok) j.post(refundSettlePosting('RF1', 'o', p))
              else j.post(refundReleasePosting('RF1', 'o', p))
            }
            if (ok) paidOut += p.amount
            else wallet = putBackIntoLots(wallet, [p])
          })
          expect(reconcile(j.rows(), j.accounts(), [{ openid: 'o', lots: wallet }])).toEqual([])
          expect(j.balance('m:o:refund-hold')).toBe(0)
          const fundOut = j.accounts().filter((a) => a.kind === 'store_fund').reduce((s, a) => s + a.balance, 0)
          expect(fundOut).toBe(-recharges.reduce((s, [pay]) => s + pay, 0) + paidOut)
        }
      )
    )
  })
})

describe('balanceReturnPosting (A10)', () => {
  const sp = spendPosting({ paymentId: 'P1', requestId: 'r', openid: 'o1', storeId: 's1', draws: [{ lotId: 'lot:R1', principal: fen(8_571), bonus: fen(1_429), lotPay: fen(30_000), lotBonus: fen(5_000), redeemedBefore: fen(0) }] })
  const ks = shardOf('P1')
  const spend = {
    spendId: sp.id,
    openid: 'o1',
    entries: sp.entries,
    lots: sp.lots!,
    returns: [] as Array<{ entries: Entry[]; lots: Array<{ lotId: string; principal: Fen; bonus: Fen }> }>
  }

  it('puts a whole return back into the lot it came from, principal to principal, bonus to bonus', () => {
    const r = balanceReturnPosting('G1', spend, fen(10_000))
    expect(r.lots).toEqual([{ lotId: 'lot:R1', principal: 8_571, bonus: 1_429 }])
    expect(r.posting.entries.map((e) => [e.account, e.amount])).toEqual([
      ['m:o1:principal', 8_571],
      ['m:o1:bonus', 1_429],
      [`s:s1:revenue:${ks}`, -8_571],
      [`s:s1:bonus-redeemed:${ks}`, -1_429]
    ])
  })

  it('after a return in two pieces the ledger reconciles with the lots refilled', () => {
    const j = book()
    j.post(rechargePosting({ outTradeNo: 'R1', transactionId: 'T1', openid: 'o1', storeId: 's1', pay: fen(30_000), bonus: fen(5_000) }))
    j.post(sp)
    let wallet: LotBalance[] = [{ id: 'lot:R1', principalLeft: fen(21_429), bonusLeft: fen(3_571), paidAt: '2026-11-01T10:00:00.000+08:00' }]
    const a = balanceReturnPosting('G1', spend, fen(2_500))
    const b = balanceReturnPosting('G2', { ...spend, returns: [{ entries: a.posting.entries, lots: a.lots }] }, fen(7_500))
    for (const r of [a, b]) {
      j.post(r.posting)
      wallet = putBackIntoLots(wallet, r.lots)
    }
    expect(wallet[0]).toMatchObject({ principalLeft: 30_000, bonusLeft: 5_000 })
    expect(reconcile(j.rows(), j.accounts(), [{ openid: 'o1', lots: wallet }])).toEqual([])
    expect(j.balance(`s:s1:revenue:${ks}`)).toBe(0)
  })

  it('returns in pieces add up to the spend exactly and no further', () => {
    const a = balanceReturnPosting('G1', spend, fen(3_333))
    const b = balanceReturnPosting('G2', { ...spend, returns: [{ entries: a.posting.entries, lots: a.lots }] }, fen(6_667))
    expect(a.lots[0].principal + b.lots[0].principal).toBe(8_571)
    expect(a.lots[0].bonus + b.lots[0].bonus).toBe(1_429)
    const done = { ...spend, returns: [a, b].map((x) => ({ entries: x.posting.entries, lots: x.lots })) }
    expect(() => balanceReturnPosting('G3', done, fen(1))).toThrow()
    expect(() => balanceReturnPosting('G3', spend, fen(10_001))).toThrow()
    expect(() => balanceReturnPosting('G3', spend, fen(0))).toThrow()
  })
})
