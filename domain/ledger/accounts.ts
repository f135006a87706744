/**
 * Ledger accounts. An id says whose money it is and what kind, so postings can be built
 * without reading anything: `m:<openid>:principal`, `s:<storeId>:fund:<shard>`, ...
 *
 * Sign convention (one number per entry, TigerBeetle-style double entry folded into a sign):
 * a positive amount credits an account, a negative one debits it. Liabilities (what we owe
 * members) are credit-normal and carry positive balances; assets (cash in the stored-value
 * fund) and expenses (bonus cost) are debit-normal and carry negative balances.
 */
export type AccountKind =
  | 'member_principal' // 本金 owed to a member
  | 'member_bonus' // 赠送金 owed to a member (spendable, not refundable as cash)
  | 'member_refund_hold' // a member's value held by a refund in flight: owed, neither spendable nor refundable again
  | 'member_spend_hold' // a member's value held by a bill whose WeChat Pay part is not paid yet: owed, not spendable
  | 'store_fund' // the store's separate stored-value fund account (cash received)
  | 'store_promo' // cost of bonuses the store granted
  | 'store_revenue' // revenue a store recognised on redemptions: paid/(paid+bonus) of what was spent (D4)
  | 'store_bonus_redeemed' // the rest of what was spent: bonus value used up, offsetting store_promo
  | 'store_sales_cash' // cash a store received by WeChat Pay for bills (not stored value: outside the fund, A8)

export type Normal = 'credit' | 'debit'

const NORMAL: Record<AccountKind, Normal> = {
  member_principal: 'credit',
  member_bonus: 'credit',
  member_refund_hold: 'credit',
  member_spend_hold: 'credit',
  store_fund: 'debit',
  store_promo: 'debit',
  store_revenue: 'credit',
  store_bonus_redeemed: 'credit',
  store_sales_cash: 'debit'
}

export interface AccountRef {
  id: string
  kind: AccountKind
  /** openid for member accounts, store id for store accounts */
  owner: string
}

/**
 * How many shards each store account has by default. Every recharge of a store posts to its fund
 * and promotion accounts; as single documents they would be locked by one crediting transaction
 * at a time, and concurrent credits of a store would conflict and retry (the cloud database locks
 * a document on first write until commit). A store's balance is the sum of its shards.
 *
 * 32, not the 8 it was: every payment at a store also posts to one of its spend shards, and
 * payments come far faster than recharges. With 8 shards, 64 payers at once at one store had 38
 * of 128 payments use up their retries (CONFLICT); with 32 none did, with p99 1.3 s instead of
 * 2.0 s (docs/performance.md, issue 10). 64 halves the retries again but doubles the documents a
 * store balance reads (two pages instead of one) and the deploy opens; 32 keeps both small.
 */
export const STORE_ACCOUNT_SHARDS = 32

/**
 * The shard a posting keyed by `key` (a recharge's out_trade_no) uses: FNV-1a of the key, so a
 * retried or replayed posting always lands on the same shard.
 */
export function shardOf(key: string, shards: number = STORE_ACCOUNT_SHARDS): number {
  if (!Number.isSafeInteger(shards) || shards < 1) throw new RangeError(`shards must be a positive integer, not ${shards}`)
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return (h >>> 0) % shards
}

export const accounts = {
  memberPrincipal: (openid: string): AccountRef => ({ id: `m:${openid}:principal`, kind: 'member_principal', owner: openid }),
  memberBonus: (openid: string): AccountRef => ({ id: `m:${openid}:bonus`, kind: 'member_bonus', owner: openid }),
  memberRefundHold: (openid: string): AccountRef => ({ id: `m:${openid}:refund-hold`, kind: 'member_refund_hold', owner: openid }),
  memberSpendHold: (openid: string): AccountRef => ({ id: `m:${openid}:spend-hold`, kind: 'member_spend_hold', owner: openid }),
  /** one shard of the store's fund account (see STORE_ACCOUNT_SHARDS) */
  storeFund: (storeId: string, shard: number): AccountRef => ({ id: `s:${storeId}:fund:${shard}`, kind: 'store_fund', owner: storeId }),
  /** one shard of the store's promotion-cost account */
  storePromo: (storeId: string, shard: number): AccountRef => ({ id: `s:${storeId}:promo:${shard}`, kind: 'store_promo', owner: storeId }),
  /** one shard of the redeeming store's recognised revenue */
  storeRevenue: (storeId: string, shard: number): AccountRef => ({ id: `s:${storeId}:revenue:${shard}`, kind: 'store_revenue', owner: storeId }),
  /** one shard of the redeeming store's used-up bonus value */
  storeBonusRedeemed: (storeId: string, shard: number): AccountRef => ({
    id: `s:${storeId}:bonus-redeemed:${shard}`,
    kind: 'store_bonus_redeemed',
    owner: storeId
  }),
  /** one shard of the cash a store received by WeChat Pay for bills (the WeChat part of a mixed payment) */
  storeSalesCash: (storeId: string, shard: number): AccountRef => ({ id: `s:${storeId}:sales-cash:${shard}`, kind: 'store_sales_cash', owner: storeId })
}

/**
 * Where a store account's balance is stored. A spending store's revenue and bonus-redeemed
 * accounts of one shard share ONE document, `s:<store>:spend:<shard>` (kind `store_spend`, fields
 * `revenue` and `bonusRedeemed`), as a member's principal and bonus share the member document: a
 * spend posts both with one `inc` (issue 10: one database call fewer per payment). The journal
 * still names the two accounts apart. Every other store account is its own document, `balance`.
 */
export interface StoredAt {
  doc: string
  field: 'balance' | 'revenue' | 'bonusRedeemed'
}

export const STORE_SPEND_DOC_KIND = 'store_spend'

/** The document holding one shard of a store's revenue and bonus-redeemed accounts. */
export const storeSpendDocId = (storeId: string, shard: number): string => `s:${storeId}:spend:${shard}`

const SPEND_ACCOUNT = /^s:(.+):(revenue|bonus-redeemed):(\d+)$/
const SPEND_DOC = /^s:(.+):spend:(\d+)$/

export function storedAt(account: string): StoredAt {
  const m = SPEND_ACCOUNT.exec(account)
  if (!m) return { doc: account, field: 'balance' }
  return { doc: storeSpendDocId(m[1], Number(m[3])), field: m[2] === 'revenue' ? 'revenue' : 'bonusRedeemed' }
}

/** A spend shard document's two accounts (the inverse of storedAt), for reconcile. */
export function spendDocAccounts(doc: { _id: string; revenue?: number; bonusRedeemed?: number }): Array<AccountRef & { balance: number }> {
  const m = SPEND_DOC.exec(doc._id)
  if (!m) throw new RangeError(`${doc._id} is not a store spend shard document`)
  const [storeId, shard] = [m[1], Number(m[2])]
  return [
    { ...accounts.storeRevenue(storeId, shard), balance: doc.revenue ?? 0 },
    { ...accounts.storeBonusRedeemed(storeId, shard), balance: doc.bonusRedeemed ?? 0 }
  ]
}

/** The kinds whose accounts belong to a store (and are sharded). */
export const STORE_KINDS: readonly AccountKind[] = ['store_fund', 'store_promo', 'store_revenue', 'store_bonus_redeemed', 'store_sales_cash']

export function normalOf(kind: AccountKind): Normal {
  return NORMAL[kind]
}

/** The balance as people read it: positive for what the account normally holds. */
export function displayBalance(kind: AccountKind, balance: number): number {
  return NORMAL[kind] === 'credit' ? balance : 0 - balance // 0 - x: never -0
}

/** A store's balances as people read them (positive fen): cash received into its fund, bonus cost granted. */
export interface StoreBalance {
  fund: number
  promo: number
}

/**
 * Sums a store's account documents (every shard, and any account of its kinds) into its balances.
 * Rows of other kinds are ignored, so a query by owner can be passed as is.
 */
export function storeBalanceOf(rows: ReadonlyArray<{ kind: string; balance: number }>): StoreBalance {
  let fund = 0
  let promo = 0
  for (const r of rows) {
    if (r.kind === 'store_fund') fund += r.balance
    else if (r.kind === 'store_promo') promo += r.balance
  }
  return { fund: displayBalance('store_fund', fund), promo: displayBalance('store_promo', promo) }
}
