import { STORE_ACCOUNT_SHARDS, STORE_KINDS, storeBalanceOf, type StoreBalance } from '../../domain/ledger'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'

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
