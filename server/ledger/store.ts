import { accounts, STORE_ACCOUNT_SHARDS, STORE_KINDS, storeBalanceOf, type Entry, type StoreBalance } from '../../domain/ledger'
import type { Db } from '../db/types'
import type { TxLike } from '../db/tx'
import { fault } from '../faults'
import { isDuplicateKey } from '../db/transaction'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import type { AccountDoc } from '../collections'

/**
 * Shards per store account for new postings: the function's environment variable
 * CHUZHI_STORE_ACCOUNT_SHARDS, default STORE_ACCOUNT_SHARDS (8). Changing it moves only where
 * new postings go; balances are the sum of every shard a store has.
 */
export function storeAccountShards(env: Record<string, string | undefined> = process.env): number {
  const raw = env.CHUZHI_STORE_ACCOUNT_SHARDS?.trim()
  if (!raw) return STORE_ACCOUNT_SHARDS
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`CHUZHI_STORE_ACCOUNT_SHARDS must be an integer from 1 to 1000, not ${raw}`)
  return n
}

/** A store's fund and promotion-cost balances (positive fen): the sum of all its account shards. */
export async function storeBalance(storeId: string): Promise<StoreBalance> {
  const db = database()
  const _ = db.command
  const rows: Array<{ kind: string; balance: number }> = []
  for (let skip = 0; ; skip += 100) {
    const { data } = await db
      .collection(C.accounts)
      .where({ owner: storeId, kind: _.in([...STORE_KINDS]) })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(100)
      .field({ kind: true, balance: true })
      .get()
    rows.push(...(data as typeof rows))
    if (data.length < 100) return storeBalanceOf(rows)
  }
}

/**
 * Where openStoreAccounts opens accounts: the functions' database (local/seed.ts), or the
 * environment `npm run deploy` reaches from outside (scripts/deploy/execute.ts).
 */
export interface AccountStore {
  exists(id: string): Promise<boolean>
  /** writes the account; false when it exists already (created meanwhile, e.g. by a first credit) */
  create(account: Omit<AccountDoc, 'createdAt'>): Promise<boolean>
}

/** The functions' own database: `add` fails on a duplicate `_id`, so an account is never overwritten. */
export function functionsAccountStore(): AccountStore {
  const accountsOf = () => database().collection(C.accounts)
  return {
    exists: async (id) => Boolean((await accountsOf().doc(id).get()).data),
    async create(account) {
      try {
        await accountsOf().add({ data: { ...account, createdAt: new Date() } })
        return true
      } catch (err) {
        if (isDuplicateKey(err)) return false
        throw err
      }
    }
  }
}

/**
 * Creates the store's account shards (fund and promotion cost, balance 0) that do not exist yet,
 * once, when the store is set up (the demo seed, `npm run deploy`): crediting then only `inc`s
 * them, one database call per entry (settle.ts still creates a missing shard, for a store set up
 * without this). Never overwrites an account, so it is safe to rerun. Returns how many it created.
 */
export async function openStoreAccounts(storeId: string, shards = storeAccountShards(), store: AccountStore = functionsAccountStore()): Promise<number> {
  let created = 0
  for (let k = 0; k < shards; k++) {
    for (const ref of [accounts.storeFund(storeId, k), accounts.storePromo(storeId, k)]) {
      if (await store.exists(ref.id)) continue
      if (await store.create({ _id: ref.id, kind: ref.kind, owner: storeId, balance: 0 })) created++
    }
  }
  return created
}

/**
 * Posts a posting's store entries inside a transaction: `inc` on each store account shard, never
 * read-then-write (a balance only moves by an entry's amount), one call per entry. A shard not
 * opened yet is created by the first posting to it (`add` fails on a duplicate _id, so of two
 * first postings the loser reruns). Member entries are the caller's: they live on the member
 * document. `faultPrefix` names the crash point after each entry (`<prefix>:<i>`).
 */
export async function incStoreAccounts(t: TxLike, _: Db['command'], entries: readonly Entry[], at: Date, faultPrefix: string): Promise<void> {
  for (const [i, e] of entries.entries()) {
    if ((STORE_KINDS as readonly string[]).includes(e.kind)) {
      const r = (await t.collection(C.accounts).doc<AccountDoc>(e.account).update({ data: { balance: _.inc(e.amount) } })) as { stats?: { updated?: number } }
      if (!r?.stats?.updated) await t.collection(C.accounts).add({ data: { _id: e.account, kind: e.kind, owner: e.account.split(':')[1], balance: e.amount, createdAt: at } })
    }
    fault(`${faultPrefix}:${i}`)
  }
}
