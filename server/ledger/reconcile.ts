import { reconcile, type AccountRow, type JournalRow, type Violation, type WalletRow } from '../../domain/ledger'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'

/** Reads a whole collection in pages of 100 (the server's cap per get). */
async function readAll<T>(collection: string, fields?: Record<string, boolean>): Promise<T[]> {
  const db = database()
  const out: T[] = []
  for (let skip = 0; ; skip += 100) {
    let q = db.collection(collection).orderBy('_id', 'asc').skip(skip).limit(100)
    if (fields) q = q.field(fields)
    const { data } = await q.get()
    out.push(...(data as T[]))
    if (data.length < 100) return out
  }
}

/**
 * Proves the stored ledger: every transaction sums to zero, every account balance equals the
 * sum of its entries, and every member's lots add up to their principal and bonus accounts.
 */
export async function reconcileLedger(): Promise<{ violations: Violation[]; transactions: number; accounts: number }> {
  const [journal, accounts, members] = await Promise.all([
    readAll<JournalRow>(C.journal, { entries: true }),
    readAll<AccountRow>(C.accounts),
    readAll<{ _id: string; lots: WalletRow['lots'] }>(C.members, { lots: true })
  ])
  const wallets = members.map((m) => ({ openid: m._id, lots: m.lots }))
  return { violations: reconcile(journal, accounts, wallets), transactions: journal.length, accounts: accounts.length }
}
