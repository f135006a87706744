import { accounts as accountOf, reconcile, type AccountRow, type JournalRow, type Violation, type WalletRow } from '../../domain/ledger'
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

type MemberRow = { _id: string; lots: WalletRow['lots']; principal?: number; bonus?: number; spendHeld?: number; spendHolds?: Record<string, { principal: number; bonus: number }> }

/** A member's accounts, kept on their member document, as account rows (the spend hold: server/bills/mixed.ts). */
function memberAccounts(m: MemberRow): AccountRow[] {
  const p = accountOf.memberPrincipal(m._id)
  const b = accountOf.memberBonus(m._id)
  const h = accountOf.memberSpendHold(m._id)
  return [
    { _id: p.id, kind: p.kind, owner: m._id, balance: m.principal ?? 0 },
    { _id: b.id, kind: b.kind, owner: m._id, balance: m.bonus ?? 0 },
    { _id: h.id, kind: h.kind, owner: m._id, balance: m.spendHeld ?? 0 }
  ]
}

/**
 * Proves the stored ledger: every transaction sums to zero, every account balance equals the
 * sum of its entries (store accounts in `accounts`, each member's principal and bonus on their
 * member document), every member's lots add up to their principal and bonus, and every spend's
 * recorded lots add up to its principal, bonus and revenue legs (spend_lots_mismatch).
 */
export async function reconcileLedger(): Promise<{ violations: Violation[]; transactions: number; accounts: number }> {
  const journal = await readAll<JournalRow>(C.journal, { entries: true, lots: true })
  const stored = await readAll<AccountRow>(C.accounts)
  const members = await readAll<MemberRow>(C.members, { lots: true, principal: true, bonus: true, spendHeld: true, spendHolds: true })
  const accounts = [...stored, ...members.flatMap(memberAccounts)]
  const wallets = members.map((m) => ({ openid: m._id, lots: m.lots, held: Object.values(m.spendHolds ?? {}).reduce((sum, h) => sum + h.principal + h.bonus, 0) }))
  return { violations: reconcile(journal, accounts, wallets), transactions: journal.length, accounts: accounts.length }
}
