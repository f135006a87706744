/**
 * Ledger accounts. An id says whose money it is and what kind, so postings can be built
 * without reading anything: `m:<openid>:principal`, `s:<storeId>:fund`, ...
 *
 * Sign convention (one number per entry, TigerBeetle-style double entry folded into a sign):
 * a positive amount credits an account, a negative one debits it. Liabilities (what we owe
 * members) are credit-normal and carry positive balances; assets (cash in the stored-value
 * fund) and expenses (bonus cost) are debit-normal and carry negative balances.
 */
export type AccountKind =
  | 'member_principal' // 本金 owed to a member
  | 'member_bonus' // 赠送金 owed to a member (spendable, not refundable as cash)
  | 'store_fund' // the store's separate stored-value fund account (cash received)
  | 'store_promo' // cost of bonuses the store granted

export type Normal = 'credit' | 'debit'

const NORMAL: Record<AccountKind, Normal> = {
  member_principal: 'credit',
  member_bonus: 'credit',
  store_fund: 'debit',
  store_promo: 'debit'
}

export interface AccountRef {
  id: string
  kind: AccountKind
  /** openid for member accounts, store id for store accounts */
  owner: string
}

export const accounts = {
  memberPrincipal: (openid: string): AccountRef => ({ id: `m:${openid}:principal`, kind: 'member_principal', owner: openid }),
  memberBonus: (openid: string): AccountRef => ({ id: `m:${openid}:bonus`, kind: 'member_bonus', owner: openid }),
  storeFund: (storeId: string): AccountRef => ({ id: `s:${storeId}:fund`, kind: 'store_fund', owner: storeId }),
  storePromo: (storeId: string): AccountRef => ({ id: `s:${storeId}:promo`, kind: 'store_promo', owner: storeId })
}

export function normalOf(kind: AccountKind): Normal {
  return NORMAL[kind]
}

/** The balance as people read it: positive for what the account normally holds. */
export function displayBalance(kind: AccountKind, balance: number): number {
  return NORMAL[kind] === 'credit' ? balance : -balance
}
