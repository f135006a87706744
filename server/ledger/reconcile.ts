import { accounts as accountOf, reconcile, spendDocAccounts, STORE_SPEND_DOC_KIND, type AccountRow, type JournalRow, type Violation, type WalletRow } from '../../domain/ledger'
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

type MemberRow = { _id: string; lots: WalletRow['lots']; principal?: number; bonus?: number; spendHeld?: number; spendHolds?: Record<string, { principal: number; bonus: number }>; refundHeld?: number }

/** A member's accounts, kept on their member document, as account rows (the spend hold: server/bills/mixed.ts; the refund hold: server/refund). */
function memberAccounts(m: MemberRow): AccountRow[] {
  const p = accountOf.memberPrincipal(m._id)
  const b = accountOf.memberBonus(m._id)
  const h = accountOf.memberSpendHold(m._id)
  const r = accountOf.memberRefundHold(m._id)
  return [
    { _id: p.id, kind: p.kind, owner: m._id, balance: m.principal ?? 0 },
    { _id: b.id, kind: b.kind, owner: m._id, balance: m.bonus ?? 0 },
    { _id: h.id, kind: h.kind, owner: m._id, balance: m.spendHeld ?? 0 },
    { _id: r.id, kind: r.kind, owner: m._id, balance: m.refundHeld ?? 0 }
  ]
}

type RefundRow = { _id: string; openid: string; parts: Array<{ outRefundNo: string; state: string; amount: number; principal: number; bonus: number }> }

export type RefundViolation =
  | { kind: 'refund_hold_mismatch'; openid: string; held: number; inFlight: number }
  | { kind: 'refund_settle_mismatch'; outRefundNo: string; state: string; settledCash: number | null; amount: number }

/**
 * Refunds against the journal (docs/refunds.md): each member's hold is exactly what their parts in
 * flight hold (awaiting approval or processing), and each part's settle posting exists exactly
 * when the part succeeded, paying out of the store fund exactly the part's cash.
 */
export function refundViolations(journal: readonly JournalRow[], members: readonly MemberRow[], refunds: readonly RefundRow[]): RefundViolation[] {
  const out: RefundViolation[] = []
  const inFlight = new Map<string, number>()
  for (const r of refunds) {
    for (const p of r.parts) {
      if (p.state === 'awaiting_approval' || p.state === 'processing') inFlight.set(r.openid, (inFlight.get(r.openid) ?? 0) + p.principal + p.bonus)
    }
  }
  for (const m of members) {
    const held = m.refundHeld ?? 0
    if (held !== (inFlight.get(m._id) ?? 0)) out.push({ kind: 'refund_hold_mismatch', openid: m._id, held, inFlight: inFlight.get(m._id) ?? 0 })
  }
  const byId = new Map(journal.map((j) => [j._id, j]))
  for (const r of refunds) {
    for (const p of r.parts) {
      const settle = byId.get(`refund:${p.outRefundNo}`)
      const cash = settle ? settle.entries.filter((e) => /^s:.*:fund:\d+$/.test(e.account)).reduce((s, e) => s + e.amount, 0) : null
      if ((p.state === 'succeeded') !== (cash !== null) || (cash !== null && cash !== p.amount)) {
        out.push({ kind: 'refund_settle_mismatch', outRefundNo: p.outRefundNo, state: p.state, settledCash: cash, amount: p.amount })
      }
    }
  }
  return out
}

type StoredRow = AccountRow & { revenue?: number; bonusRedeemed?: number }

/**
 * The accounts collection as account rows: a spend shard document holds two accounts (revenue
 * and bonus-redeemed, domain storedAt), every other document one. Each account comes from one
 * document only, so a row per account id; should two documents ever carry the same account, both
 * rows go to reconcile, which then reports the account (its balance is compared once per row).
 */
function storedAccounts(docs: readonly StoredRow[]): AccountRow[] {
  return docs.flatMap((d): AccountRow[] => (d.kind === STORE_SPEND_DOC_KIND ? spendDocAccounts(d).map((a) => ({ _id: a.id, kind: a.kind, owner: a.owner, balance: a.balance })) : [d]))
}

/**
 * Proves the stored ledger: every transaction sums to zero, every account balance equals the
 * sum of its entries (store accounts in `accounts`, a spend shard document's revenue and
 * bonus-redeemed each checked on its own; each member's principal and bonus on their
 * member document), every member's lots add up to their principal and bonus, and every spend's
 * recorded lots add up to its principal, bonus and revenue legs (spend_lots_mismatch).
 */
export async function reconcileLedger(): Promise<{ violations: Array<Violation | RefundViolation>; transactions: number; accounts: number }> {
  const journal = await readAll<JournalRow>(C.journal, { entries: true, lots: true })
  const stored = storedAccounts(await readAll<StoredRow>(C.accounts))
  const members = await readAll<MemberRow>(C.members, { lots: true, principal: true, bonus: true, spendHeld: true, spendHolds: true, refundHeld: true })
  const refunds = await readAll<RefundRow>(C.refunds, { openid: true, parts: true })
  const accounts = [...stored, ...members.flatMap(memberAccounts)]
  const wallets = members.map((m) => ({ openid: m._id, lots: m.lots, held: Object.values(m.spendHolds ?? {}).reduce((sum, h) => sum + h.principal + h.bonus, 0) }))
  return { violations: [...reconcile(journal, accounts, wallets), ...refundViolations(journal, members, refunds)], transactions: journal.length, accounts: accounts.length }
}
