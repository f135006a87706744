import { fen } from '../money'
import { assertBalanced, rechargePosting, UnbalancedPosting, accounts, displayBalance } from './index'
import { reconcile } from './reconcile'

describe('rechargePosting', () => {
  const p = rechargePosting({ outTradeNo: 'R1', transactionId: 'T1', openid: 'o1', storeId: 's1', pay: fen(30000), bonus: fen(5000) })

  it('credits principal and bonus to the member and debits the store fund and promotion cost', () => {
    expect(p.entries).toEqual([
      { account: 's:s1:fund', kind: 'store_fund', amount: -30000 },
      { account: 'm:o1:principal', kind: 'member_principal', amount: 30000 },
      { account: 's:s1:promo', kind: 'store_promo', amount: -5000 },
      { account: 'm:o1:bonus', kind: 'member_bonus', amount: 5000 }
    ])
    expect(p.id).toBe('recharge:R1')
  })

  it('has no bonus legs when there is no bonus', () => {
    const q = rechargePosting({ outTradeNo: 'R2', transactionId: 'T2', openid: 'o1', storeId: 's1', pay: fen(100), bonus: fen(0) })
    expect(q.entries.map((e) => e.account)).toEqual(['s:s1:fund', 'm:o1:principal'])
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

describe('displayBalance', () => {
  it('shows assets and expenses as positive amounts', () => {
    expect(displayBalance(accounts.storeFund('s').kind, -30000)).toBe(30000)
    expect(displayBalance(accounts.memberBonus('o').kind, 5000)).toBe(5000)
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
  it('finds lots that disagree with the member accounts', () => {
    const w = { ...wallet, lots: [{ ...wallet.lots[0], principalLeft: fen(200) }] }
    expect(reconcile(journal, accts, [w])).toContainEqual({ kind: 'lots_mismatch', openid: 'o1', what: 'principal', account: 300, lots: 200 })
  })
})
