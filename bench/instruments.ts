/**
 * Bench-only instruments for a running local cloud (no effect on what the cloud answers):
 * - `dbLatency`: answer each database call only after a delay, like the network round trip from
 *   a cloud function to the real cloud database. Transactions then interleave, and conflict on
 *   shared documents, as they do there; locally each call is answered at once, so a transaction
 *   usually runs to its end before the next request is even read and never conflicts.
 * - `conflicts`: count write conflicts by document.
 * Both return a function that removes them.
 */
import type { LocalCloud } from '../local/cloud'

export function dbLatency(cloud: LocalCloud, ms: number): () => void {
  const db = cloud.database
  const handle = db.handle
  db.handle = async (action, params) => {
    await new Promise((resolve) => setTimeout(resolve, ms))
    return handle.call(db, action, params)
  }
  return () => void (db.handle = handle)
}

/** Counts conflicts by `collection/_id`, with `mask` applied to the id (to group member- or order-specific documents). */
export function conflicts(cloud: LocalCloud, mask: (where: string) => string = (w) => w): { byDoc: Map<string, number>; total(): number; stop(): void } {
  const txm = cloud.database.txm
  const lock = txm.lock
  const byDoc = new Map<string, number>()
  txm.lock = (tx, key, where) => {
    try {
      lock.call(txm, tx, key, where)
    } catch (e) {
      const doc = mask(where)
      byDoc.set(doc, (byDoc.get(doc) ?? 0) + 1)
      throw e
    }
  }
  return { byDoc, total: () => [...byDoc.values()].reduce((a, b) => a + b, 0), stop: () => void (txm.lock = lock) }
}
