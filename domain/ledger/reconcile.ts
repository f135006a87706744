import { type LotBalance, lotTotals } from '../lots'

/**
 * The ledger's invariants, checked over everything that was written. The journal is the
 * truth; account balances and lot remainders are caches that must agree with it.
 */
export interface JournalRow {
  _id: string
  entries: Array<{ account: string; amount: number }>
  /** a spend's draws (Posting.lots); when present they must agree with the entries */
  lots?: Array<{ principal: number; bonus: number; revenue: number }>
}
export interface AccountRow {
  _id: string
  kind: string
  owner: string
  balance: number
}
export interface WalletRow {
  openid: string
  lots: LotBalance[]
  /** what the member's mixed payments say they hold (Σ of spendHolds), when the wallet keeps them */
  held?: number
}

export type Violation =
  | { kind: 'unbalanced_transaction'; id: string; sum: number }
  | { kind: 'non_integer_entry'; id: string; account: string }
  | { kind: 'balance_mismatch'; account: string; balance: number; entries: number }
  | { kind: 'missing_account'; account: string; entries: number }
  | { kind: 'negative_member_balance'; account: string; balance: number }
  | { kind: 'lots_mismatch'; openid: string; what: 'principal' | 'bonus'; account: number; lots: number }
  | { kind: 'spend_hold_mismatch'; openid: string; account: number; holds: number }
  | { kind: 'spend_lots_mismatch'; id: string; what: 'principal' | 'bonus' | 'held' | 'revenue'; entries: number; lots: number }

export function reconcile(journal: readonly JournalRow[], accounts: readonly AccountRow[], wallets: readonly WalletRow[] = []): Violation[] {
  const out: Violation[] = []
  const sums = new Map<string, number>()
  for (const tx of journal) {
    let s = 0
    for (const e of tx.entries) {
      if (!Number.isSafeInteger(e.amount)) out.push({ kind: 'non_integer_entry', id: tx._id, account: e.account })
      s += e.amount
      sums.set(e.account, (sums.get(e.account) ?? 0) + e.amount)
    }
    if (s !== 0) out.push({ kind: 'unbalanced_transaction', id: tx._id, sum: s })
    if (tx.lots) out.push(...spendLotsMismatches(tx as Required<JournalRow>))
  }
  const byId = new Map(accounts.map((a) => [a._id, a]))
  for (const a of accounts) {
    const entries = sums.get(a._id) ?? 0
    if (entries !== a.balance) out.push({ kind: 'balance_mismatch', account: a._id, balance: a.balance, entries })
    if ((a.kind === 'member_principal' || a.kind === 'member_bonus' || a.kind === 'member_refund_hold' || a.kind === 'member_spend_hold') && a.balance < 0) {
      out.push({ kind: 'negative_member_balance', account: a._id, balance: a.balance })
    }
  }
  for (const [account, entries] of sums) {
    if (!byId.has(account)) out.push({ kind: 'missing_account', account, entries })
  }
  for (const w of wallets) {
    const t = lotTotals(w.lots)
    const p = byId.get(`m:${w.openid}:principal`)?.balance ?? 0
    const b = byId.get(`m:${w.openid}:bonus`)?.balance ?? 0
    if (p !== t.principal) out.push({ kind: 'lots_mismatch', openid: w.openid, what: 'principal', account: p, lots: t.principal })
    if (b !== t.bonus) out.push({ kind: 'lots_mismatch', openid: w.openid, what: 'bonus', account: b, lots: t.bonus })
    // a hold released or settled without its posting (or the reverse) shows here
    const h = byId.get(`m:${w.openid}:spend-hold`)?.balance ?? 0
    if (w.held !== undefined && h !== w.held) out.push({ kind: 'spend_hold_mismatch', openid: w.openid, account: h, holds: w.held })
  }
  return out
}

// Account ids say what they are (accounts.ts), so a spend's legs can be found without the kinds.
const LEG = { principal: /^m:.*:principal$/, bonus: /^m:.*:bonus$/, held: /^m:.*:spend-hold$/, revenue: /^s:.*:revenue:\d+$/ } as const

/**
 * The lots a spend records must add up to its entries: what left the member, what the store
 * recognised. A spend settled from a hold (a mixed payment) takes principal and bonus together
 * from the member's spend hold, so its lots' principal + bonus must match that one leg.
 */
function spendLotsMismatches(tx: Required<JournalRow>): Violation[] {
  const out: Violation[] = []
  const leg = (what: keyof typeof LEG) => tx.entries.filter((e) => LEG[what].test(e.account)).reduce((s, e) => s + e.amount, 0)
  const fromHold = tx.entries.some((e) => LEG.held.test(e.account))
  const lots = (what: 'principal' | 'bonus' | 'revenue') => tx.lots.reduce((s, l) => s + l[what], 0)
  const checks: Array<['principal' | 'bonus' | 'held' | 'revenue', number, number]> = fromHold
    ? [['held', 0 - leg('held'), lots('principal') + lots('bonus')]]
    : [['principal', 0 - leg('principal'), lots('principal')], ['bonus', 0 - leg('bonus'), lots('bonus')]] // member legs are debits
  checks.push(['revenue', leg('revenue'), lots('revenue')])
  for (const [what, entries, recorded] of checks) if (entries !== recorded) out.push({ kind: 'spend_lots_mismatch', id: tx._id, what, entries, lots: recorded })
  return out
}
