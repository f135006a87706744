/** The subset of a cloud-database transaction the functions use: doc-level reads and writes, and add. */
export interface TxDoc<T> {
  get(): Promise<{ data: T | null }>
  set(o: { data: Omit<T, '_id'> | Record<string, unknown> }): Promise<unknown>
  update(o: { data: Record<string, unknown> }): Promise<unknown>
  remove(): Promise<unknown>
}
export interface TxLike {
  collection(name: string): {
    doc<T = any>(id: string): TxDoc<T>
    add(o: { data: Record<string, unknown> }): Promise<unknown>
  }
}

import type { Db } from './types'
import { inTransaction, isDuplicateKey } from './transaction'

/**
 * Runs `fn` in one database transaction, rerunning it on write conflicts and on a duplicate
 * `_id` from `add` (two transactions creating the same account or member at once: the loser
 * reruns and finds the document the winner created).
 */
export async function transact<T>(db: Db, fn: (t: TxLike) => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await inTransaction(db, (t) => fn(t as unknown as TxLike))
    } catch (err) {
      if (i >= attempts || !isDuplicateKey(err)) throw err
    }
  }
}

/**
 * `read(item)` for each item, one after another. The calls of one transaction must never overlap:
 * a cloud transaction is one MongoDB session, where concurrent operations are undefined (the local
 * cloud refuses them; docs/local-cloud.md). Use this instead of `Promise.all` inside `transact`.
 */
export async function oneByOne<I, R>(items: readonly I[], read: (item: I) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (const item of items) out.push(await read(item))
  return out
}
