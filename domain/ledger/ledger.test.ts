import { fen } from '../money'
import { assertBalanced, rechargePosting, UnbalancedPosting, accounts, displayBalance, shardOf, storeBalanceOf, STORE_ACCOUNT_SHARDS, storedAt, spendDocAccounts } from './index'
import { reconcile } from './reconcile'

describe('rechargePosting', () => {
  const p = rechargePosting({ outTradeNo: 'R1', transactionId: 'T1', openid: 'o1', storeId: 's1', pay: fen(30000), bonus: fen(5000) })
  const k = shardOf('R1')

  it('credits principal and bonus to the member and debits one shard of the store fund and promotion cost', () => {
    expect(p.entries).toEqual([
      { account: `s:s1:fund:${k}`, kind: 'store_fund', amount: -30000 },
      { account: 'm:o1:principal', kind: 'member_principal', amount: 30000 },
      { account: `s:s1:promo:${k}`, kind: 'store_promo', amount: -5000 },
      { account: 'm:o1:bonus', kind: 'member_bonus', amount: 5000 }
    ])
    expect(p.id).toBe('recharge:R1')
  })

  it('has no bonus legs when there is no bonus', () => {
    const q = rechargePosting({ outTradeNo: 'R2', transactionId: 'T2', openid: 'o1', storeId: 's1', pay: fen(100), bonus: fen(0) })
    expect(q.entries.map((e) => e.account)).toEqual([`s:s1:fund:${shardOf('R2')}`, 'm:o1:principal'])
  })

  it('takes the number of shards as a setting; one shard is shard 0', () => {
    const facts = { outTradeNo: 'R3', transactionId: 'T3', openid: 'o1', storeId: 's1', pay: fen(100), bonus: fen(10) }
    expect(rechargePosting({ ...facts, shards: 1 }).entries.map((e) => e.account)).toEqual(['s:s1:fund:0', 'm:o1:principal', 's:s1:promo:0', 'm:o1:bonus'])
    expect(rechargePosting({ ...facts, shards: 3 }).entries[0].account).toBe(`s:s1:fund:${shardOf('R3', 3)}`)
  })

  it('refuses non-positive payments', () => {
    expect(() => rechargePosting({ outTradeNo: 'R', transactionId: 'T', openid: 'o', storeId: 's', pay: fen(0), bonus: fen(0) })).toThrow()
  })
})

describe('assertBalanced', () => {
  const e = (account: string, amount: number) => ({ account, kind: 'member_principal' as const, amount: fen(amount) })
  it('refuses entries that do not sum to zero, zero entries, and repeated accounts', () => {
    expect(() => assertBalanced([e('a', 1), e('b', -2)])).toThrow(UnbalancedPosting)
    expect(() => assertBalanced([e('a', 0), e('b', 0)])).toThrow(UnbalancedPosting)
    expect(() => assertBalanced([e('a', 1), e('a', -1)])).toThrow(UnbalancedPosting)
    expect(() => assertBalanced([e('a', 1)])).toThrow(UnbalancedPosting)
  })
})

describe('shardOf', () => {
  it('is the same for the same key, and within range', () => {
    expect(shardOf('R20260101000000000001')).toBe(shardOf('R20260101000000000001'))
    for (const key of ['', 'a', 'R1', 'R20261123ABCDEF']) {
      expect(shardOf(key)).toBeGreaterThanOrEqual(0)
      expect(shardOf(key)).toBeLessThan(STORE_ACCOUNT_SHARDS)
      expect(shardOf(key, 1)).toBe(0)
    }
  })
  it('spreads order numbers evenly over the shards', () => {
    const counts = new Array(STORE_ACCOUNT_SHARDS).fill(0)
    for (let i = 0; i < 1000 * STORE_ACCOUNT_SHARDS; i++) counts[shardOf(`R2026112312${String(i).padStart(8, '0')}`)]++
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150)
  })
  it('refuses a shard count that is not a positive integer', () => {
    expect(() => shardOf('R1', 0)).toThrow(RangeError)
    expect(() => shardOf('R1', 1.5)).toThrow(RangeError)
  })
})

describe('displayBalance', () => {
  it('shows assets and expenses as positive amounts', () => {
    expect(displayBalance(accounts.storeFund('s', 0).kind, -30000)).toBe(30000)
    expect(displayBalance(accounts.memberBonus('o').kind, 5000)).toBe(5000)
  })
})

describe('storeBalanceOf', () => {
  it("sums every shard of a store's accounts, as positive amounts, ignoring other kinds", () => {
    const rows = [
      { kind: 'store_fund', balance: -30000 },
      { kind: 'store_fund', balance: -10000 },
      { kind: 'store_promo', balance: -5000 },
      { kind: 'member_principal', balance: 999 }
    ]
    expect(storeBalanceOf(rows)).toEqual({ fund: 40000, promo: 5000 })
    expect(storeBalanceOf([])).toEqual({ fund: 0, promo: 0 })
  })
})

describe('reconcile', () => {
  const journal = [{ _id: 'recharge:R1', entries: [{ account: 's:s1:fund', amount: -300 }, { account: 'm:o1:principal', amount: 300 }] }]
  const accts = [
    { _id: 's:s1:fund', kind: 'store_fund', owner: 's1', balance: -300 },
    { _id: 'm:o1:principal', kind: 'member_principal', owner: 'o1', balance: 300 }
  ]
  const wallet = { openid: 'o1', lots: [{ id: 'lot:R1', principalLeft: fen(300), bonusLeft: fen(0), paidAt: '2026-11-01T00:00:00+08:00' }] }

  it('finds nothing wrong in a consistent ledger', () => {
    expect(reconcile(journal, accts, [wallet])).toEqual([])
  })
  it('finds a balance that drifted from its entries', () => {
    const drifted = [accts[0], { ...accts[1], balance: 600 }]
    expect(reconcile(journal, drifted)).toContainEqual({ kind: 'balance_mismatch', account: 'm:o1:principal', balance: 600, entries: 300 })
  })
  it('finds an unbalanced transaction and an account nobody created', () => {
    const bad = [{ _id: 'x', entries: [{ account: 'm:o2:bonus', amount: 5 }] }]
    const v = reconcile(bad, [])
    expect(v).toContainEqual({ kind: 'unbalanced_transaction', id: 'x', sum: 5 })
    expect(v).toContainEqual({ kind: 'missing_account', account: 'm:o2:bonus', entries: 5 })
  })
  it('reconciles a store whose postings are spread over shards', () => {
    const postings = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6'].map((r) =>
      rechargePosting({ outTradeNo: r, transactionId: `T${r}`, openid: 'o9', storeId: 's9', pay: fen(1000), bonus: fen(100) })
    )
    const rows = new Map<string, { _id: string; kind: string; owner: string; balance: number }>()
    for (const e of postings.flatMap((q) => q.entries)) {
      const row = rows.get(e.account) ?? { _id: e.account, kind: e.kind, owner: e.account.split(':')[1], balance: 0 }
      row.balance += e.amount
      rows.set(e.account, row)
    }
    const storeRows = [...rows.values()].filter((r) => r.owner === 's9')
    expect(new Set(storeRows.filter((r) => r.kind === 'store_fund').map((r) => r._id)).size).toBeGreaterThan(1)
    expect(reconcile(postings.map((q) => ({ _id: q.id, entries: q.entries })), [...rows.values()])).toEqual([])
    expect(storeBalanceOf(storeRows)).toEqual({ fund: 6000, promo: 600 })
  })

  it('finds lots that disagree with the member accounts', () => {
    const w = { ...wallet, lots: [{ ...wallet.lots[0], principalLeft: fen(200) }] }
    expect(reconcile(journal, accts, [w])).toContainEqual({ kind: 'lots_mismatch', openid: 'o1', what: 'principal', account: 300, lots: 200 })
  })
})

describe('storedAt: where a store account is stored', () => {
  it("puts a shard's revenue and bonus-redeemed on one spend document, and reads them back as the same two accounts", () => {
    const revenue = accounts.storeRevenue('store-a', 5)
    const redeemed = accounts.storeBonusRedeemed('store-a', 5)
    expect(storedAt(revenue.id)).toEqual({ doc: 's:store-a:spend:5', field: 'revenue' })
    expect(storedAt(redeemed.id)).toEqual({ doc: 's:store-a:spend:5', field: 'bonusRedeemed' })
    expect(spendDocAccounts({ _id: 's:store-a:spend:5', revenue: 700, bonusRedeemed: 300 })).toEqual([
      { ...revenue, balance: 700 },
      { ...redeemed, balance: 300 }
    ])
  })
  it('leaves every other store account on its own document', () => {
    for (const ref of [accounts.storeFund('store-a', 5), accounts.storePromo('store-a', 5)]) expect(storedAt(ref.id)).toEqual({ doc: ref.id, field: 'balance' })
    expect(() => spendDocAccounts({ _id: 's:store-a:fund:5' })).toThrow(RangeError)
  })
})
