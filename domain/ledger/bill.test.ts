import { fen } from '../money'
import { shardOf } from './accounts'
import { freeBillPosting, salePosting, spendHoldPosting, spendReleasePosting } from './bill'
import { rechargePosting, type Posting } from './posting'
import { reconcile, type AccountRow } from './reconcile'
import { spendPosting } from './spend'

const held = { paymentId: 'P1', requestId: 'req-12345678', openid: 'o1', storeId: 'store-xuhui', principal: fen(6_000), bonus: fen(1_000) }
const recharge = rechargePosting({ outTradeNo: 'R1', transactionId: 'T1', openid: 'o1', storeId: 'store-xuhui', pay: fen(30_000), bonus: fen(5_000) })
const drawn = [{ lotId: 'lot:R1', principal: fen(6_000), bonus: fen(1_000), lotPay: fen(30_000), lotBonus: fen(5_000), redeemedBefore: fen(0) }]

/** Account rows as the journal says they should be, with lots left as given. */
function check(journal: Posting[], lots: { principalLeft: number; bonusLeft: number }) {
  const sums = new Map<string, { kind: string; balance: number }>()
  for (const p of journal) for (const e of p.entries) sums.set(e.account, { kind: e.kind, balance: (sums.get(e.account)?.balance ?? 0) + e.amount })
  const rows: AccountRow[] = [...sums].map(([id, a]) => ({ _id: id, kind: a.kind, owner: id.split(':')[1], balance: a.balance }))
  const rowsJournal = journal.map((p) => ({ _id: p.id, entries: p.entries, lots: p.lots }))
  return reconcile(rowsJournal, rows, [{ openid: 'o1', lots: [{ id: 'lot:R1', paidAt: '2026-12-01T00:00:00Z', principalLeft: fen(lots.principalLeft), bonusLeft: fen(lots.bonusLeft) }] }])
}

describe('a mixed payment, two-phase', () => {
  it('the hold moves the balance part into the spend hold; the member sees the bill at once', () => {
    expect(spendHoldPosting(held)).toMatchObject({
      id: 'spend-hold:P1',
      kind: 'spend',
      memberId: 'o1',
      entries: [
        { account: 'm:o1:principal', amount: -6_000 },
        { account: 'm:o1:bonus', amount: -1_000 },
        { account: 'm:o1:spend-hold', kind: 'member_spend_hold', amount: 7_000 }
      ]
    })
  })

  it('hold then settle reconciles: the spend comes from the hold, revenue at the lot ratio, the WeChat part as a sale outside the fund', () => {
    const settle = spendPosting({ paymentId: 'P1', requestId: 'req-12345678', openid: 'o1', storeId: 'store-xuhui', draws: drawn, fromHold: true })
    const k = shardOf('P1')
    expect(settle.entries).toEqual([
      { account: 'm:o1:spend-hold', kind: 'member_spend_hold', amount: -7_000 },
      { account: `s:store-xuhui:revenue:${k}`, kind: 'store_revenue', amount: 6_000 },
      { account: `s:store-xuhui:bonus-redeemed:${k}`, kind: 'store_bonus_redeemed', amount: 1_000 }
    ])
    const sale = salePosting({ outTradeNo: 'B1', transactionId: 'T2', paymentId: 'P1', storeId: 'store-xuhui', amount: fen(2_500) })
    expect(sale.entries).toEqual([
      { account: `s:store-xuhui:sales-cash:${k}`, kind: 'store_sales_cash', amount: -2_500 },
      { account: `s:store-xuhui:revenue:${k}`, kind: 'store_revenue', amount: 2_500 }
    ])
    expect(sale.entries.some((e) => e.kind === 'store_fund')).toBe(false)
    expect(check([recharge, spendHoldPosting(held)], { principalLeft: 24_000, bonusLeft: 4_000 })).toEqual([])
    expect(check([recharge, spendHoldPosting(held), settle, sale], { principalLeft: 24_000, bonusLeft: 4_000 })).toEqual([])
  })

  it('hold then release gives the same principal and bonus back; settling or releasing twice shows as a negative hold', () => {
    const release = spendReleasePosting(held)
    expect(release.entries).toEqual([
      { account: 'm:o1:spend-hold', kind: 'member_spend_hold', amount: -7_000 },
      { account: 'm:o1:principal', kind: 'member_principal', amount: 6_000 },
      { account: 'm:o1:bonus', kind: 'member_bonus', amount: 1_000 }
    ])
    expect(check([recharge, spendHoldPosting(held), release], { principalLeft: 30_000, bonusLeft: 5_000 })).toEqual([])
    const twice = check([recharge, spendHoldPosting(held), release, { ...release, id: 'again' }], { principalLeft: 36_000, bonusLeft: 6_000 })
    expect(twice).toContainEqual({ kind: 'negative_member_balance', account: 'm:o1:spend-hold', balance: -7_000 })
  })

  it('a settled hold whose recorded lots disagree with the held leg is found', () => {
    const settle = spendPosting({ paymentId: 'P1', requestId: 'req-12345678', openid: 'o1', storeId: 'store-xuhui', draws: drawn, fromHold: true })
    const bad = { ...settle, lots: [{ ...settle.lots![0], bonus: fen(999) }] }
    expect(check([recharge, spendHoldPosting(held), bad], { principalLeft: 24_000, bonusLeft: 4_000 })).toContainEqual({ kind: 'spend_lots_mismatch', id: 'spend:P1', what: 'held', entries: 7_000, lots: 6_999 })
  })

  it('refuses an empty hold', () => {
    expect(() => spendHoldPosting({ ...held, principal: fen(0), bonus: fen(0) })).toThrow()
  })
})

describe('充值免单', () => {
  it('the store promotion pays the bill as its revenue; no member account moves, the member is on the entry', () => {
    const p = freeBillPosting({ paymentId: 'P2', requestId: 'req-abcdefgh', openid: 'o1', storeId: 'store-xuhui', amount: fen(12_000), ruleId: 'fb1', outTradeNo: 'R2' })
    const k = shardOf('P2')
    expect(p).toMatchObject({ id: 'free-bill:P2', kind: 'free_bill', memberId: 'o1', refs: { outTradeNo: 'R2', ruleId: 'fb1' } })
    expect(p.entries).toEqual([
      { account: `s:store-xuhui:promo:${k}`, kind: 'store_promo', amount: -12_000 },
      { account: `s:store-xuhui:revenue:${k}`, kind: 'store_revenue', amount: 12_000 }
    ])
    expect(p.entries.some((e) => e.account.startsWith('m:'))).toBe(false)
  })
})
