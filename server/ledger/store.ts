import { accounts, STORE_ACCOUNT_SHARDS, STORE_KINDS, STORE_SPEND_DOC_KIND, storeBalanceOf, storedAt, storeSpendDocId, type Entry, type StoreBalance } from '../../domain/ledger'
import type { Db } from '../db/types'
import type { TxLike } from '../db/tx'
import { fault } from '../faults'
import { isDuplicateKey } from '../db/transaction'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import type { AccountDoc, StoreSpendDoc } from '../collections'

/**
 * Shards per store account for new postings: the function's environment variable
 * CHUZHI_STORE_ACCOUNT_SHARDS, default STORE_ACCOUNT_SHARDS (32). Changing it moves only where
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
  create(account: Omit<AccountDoc, 'createdAt'> | Omit<StoreSpendDoc, 'createdAt'>): Promise<boolean>
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
 * Creates the store's account shards that do not exist yet, at zero: fund and promotion cost
 * (crediting), and the spend shard documents holding revenue and bonus-redeemed (spending), once,
 * when the store is set up (the demo seed, `npm run deploy`): postings then only `inc` them, one
 * database call per document (settle.ts and incStoreAccounts still create a missing shard, for a
 * store set up without this). Never overwrites an account, so it is safe to rerun. Returns how
 * many documents it created.
 */
export async function openStoreAccounts(storeId: string, shards = storeAccountShards(), store: AccountStore = functionsAccountStore()): Promise<number> {
  let created = 0
  for (let k = 0; k < shards; k++) {
    const docs: Array<Omit<AccountDoc, 'createdAt'> | Omit<StoreSpendDoc, 'createdAt'>> = [
      ...[accounts.storeFund(storeId, k), accounts.storePromo(storeId, k)].map((ref) => ({ _id: ref.id, kind: ref.kind, owner: storeId, balance: 0 })),
      { _id: storeSpendDocId(storeId, k), kind: STORE_SPEND_DOC_KIND, owner: storeId, revenue: 0, bonusRedeemed: 0 }
    ]
    for (const doc of docs) {
      if (await store.exists(doc._id)) continue
      if (await store.create(doc)) created++
    }
  }
  return created
}

/**
 * Posts a posting's store entries inside a transaction: `inc` on each store document, never
 * read-then-write (a balance only moves by an entry's amount), ONE call per document: a spend's
 * revenue and bonus-redeemed entries of one shard share a document (domain storedAt), so they are
 * one `inc` of two fields. A document not opened yet is created by the first posting to it (`add`
 * fails on a duplicate _id, so of two first postings the loser reruns). Member entries are the
 * caller's: they live on the member document. `faultPrefix` names the crash point after each
 * entry (`<prefix>:<i>`; an entry whose document was written with an earlier one's fires after it).
 */
export async function incStoreAccounts(t: TxLike, _: Db['command'], entries: readonly Entry[], at: Date, faultPrefix: string): Promise<void> {
  const byDoc = new Map<string, { kind: string; owner: string; fields: Record<string, number> }>()
  for (const e of entries) {
    if (!(STORE_KINDS as readonly string[]).includes(e.kind)) continue
    const home = storedAt(e.account)
    const owner = e.account.split(':')[1]
    const doc = byDoc.get(home.doc) ?? { kind: home.field === 'balance' ? e.kind : STORE_SPEND_DOC_KIND, owner, fields: {} }
    doc.fields[home.field] = (doc.fields[home.field] ?? 0) + e.amount
    byDoc.set(home.doc, doc)
  }
  const written = new Set<string>()
  for (const [i, e] of entries.entries()) {
    const home = (STORE_KINDS as readonly string[]).includes(e.kind) ? storedAt(e.account) : null
    if (home && !written.has(home.doc)) {
      written.add(home.doc)
      const { kind, owner, fields } = byDoc.get(home.doc)!
      const inc = Object.fromEntries(Object.entries(fields).map(([f, amount]) => [f, _.inc(amount)]))
      const r = (await t.collection(C.accounts).doc(home.doc).update({ data: inc })) as { stats?: { updated?: number } }
      if (!r?.stats?.updated) {
        // a spend document is created with both fields, so reconcile reads a number for each
        const zero = kind === STORE_SPEND_DOC_KIND ? { revenue: 0, bonusRedeemed: 0 } : {}
        await t.collection(C.accounts).add({ data: { _id: home.doc, kind, owner, ...zero, ...fields, createdAt: at } })
      }
    }
    fault(`${faultPrefix}:${i}`)
  }
}
