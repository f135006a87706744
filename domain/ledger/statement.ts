import { type Fen, fen } from '../money'
import { addDays, parseInstant } from '../time'
import { displayBalance } from './accounts'

/**
 * Reports over the journal (issue 11 "储值资金账户", domain rules A8, A9, D4, D5): pure functions of
 * the posted entries, so they can be recomputed for any period and checked against the balances.
 */
export interface StatementRow {
  _id: string
  kind: string
  memberId?: string | null
  createdAt: Date | string
  entries: ReadonlyArray<{ account: string; kind: string; amount: number }>
}

const STORE_ACCOUNT = /^s:(.+):[a-z-]+:\d+$/
/** The store an account belongs to (`s:<storeId>:<what>:<shard>`), or null for a member account. */
export function storeOfAccount(account: string): string | null {
  return STORE_ACCOUNT.exec(account)?.[1] ?? null
}

const ms = (t: Date | string) => parseInstant(t).getTime()

type Entry = StatementRow['entries'][number]

/** Every entry posted before `end` (epoch ms), with its transaction and when it was posted. */
function* entriesBefore(journal: readonly StatementRow[], end: number): Generator<{ tx: StatementRow; t: number; e: Entry }> {
  for (const tx of journal) {
    const t = ms(tx.createdAt)
    if (t >= end) continue
    for (const e of tx.entries) yield { tx, t, e }
  }
}

export interface FundStatement {
  storeId: string | null // null = the whole merchant
  from: string
  to: string
  /** cash in the fund at `from` */
  opening: Fen
  /** cash received from recharges in the period */
  recharges: Fen
  /** cash paid back by refunds in the period */
  refunds: Fen
  /** anything else that moved the fund (staff adjustments) */
  other: Fen
  /** cash in the fund at `to`: opening + recharges − refunds + other */
  closing: Fen
  /** stored value redeemed at this store in the period (revenue + bonus used): liability turned into sales, not cash */
  spending: Fen
  /** of which revenue recognised, paid/(paid+bonus) of each redemption (D4) */
  revenue: Fen
}

/**
 * The stored-value fund account of one store (or of the merchant, `storeId` null) for [from, to).
 * The fund holds the cash members paid; recharges add to it where they were sold, refunds take from
 * it, and spending does not move cash — it turns member liability into the spending store's sales,
 * so it is reported beside the cash lines, not subtracted from them.
 */
export function fundStatement(journal: readonly StatementRow[], storeId: string | null, from: Date, to: Date): FundStatement {
  const a = from.getTime()
  const b = to.getTime()
  if (!(a < b)) throw new RangeError('a statement period must end after it starts')
  let opening = 0
  let recharges = 0
  let refunds = 0
  let other = 0
  let spending = 0
  let revenue = 0
  for (const { tx, t, e } of entriesBefore(journal, b)) {
    const store = storeOfAccount(e.account)
    if (store === null || (storeId !== null && store !== storeId)) continue
    if (e.kind === 'store_fund') {
      const cash = displayBalance('store_fund', e.amount) // + cash in, − cash out
      if (t < a) opening += cash
      else if (tx.kind === 'recharge') recharges += cash
      else if (tx.kind === 'refund') refunds -= cash
      else other += cash
    } else if (t >= a && tx.kind === 'spend' && (e.kind === 'store_revenue' || e.kind === 'store_bonus_redeemed')) {
      spending += e.amount
      if (e.kind === 'store_revenue') revenue += e.amount
    }
  }
  return {
    storeId,
    from: from.toISOString(),
    to: to.toISOString(),
    opening: fen(opening),
    recharges: fen(recharges),
    refunds: fen(refunds),
    other: fen(other),
    closing: fen(opening + recharges - refunds + other),
    spending: fen(spending),
    revenue: fen(revenue)
  }
}

/** Statements for every store that appears in the journal, and the merchant's total (last). */
export function fundStatements(journal: readonly StatementRow[], from: Date, to: Date): FundStatement[] {
  const stores = new Set<string>()
  for (const tx of journal) for (const e of tx.entries) stores.add(storeOfAccount(e.account) ?? '')
  stores.delete('') // member accounts
  return [...[...stores].sort().map((s) => fundStatement(journal, s, from, to)), fundStatement(journal, null, from, to)]
}

/** Thresholds a merchant's jurisdiction sets (A8, A9, C2). Ratios in basis points (4000 = 40%). */
export interface LiabilityLimits {
  /** A9: pre-collected balance ≤ this share of last year's main revenue (4000 retail/catering, 10000 residential services) */
  revenueRatioBp?: number
  lastYearRevenue?: Fen
  /** A8: custody ≥ this share of the previous quarter-end balance (2000 / 3000 / 4000) */
  custodyRatioBp?: number
  previousQuarterEndPrincipal?: Fen
  custodyHeld?: Fen
  /** C2-style warning level on the pre-collected balance (Shanghai: ¥200,000) */
  warnAbove?: Fen
  /** no posting for this long → dormant (reported, never written off: D5) */
  dormantDays?: number
}

export type LiabilityAlert =
  | { kind: 'over_revenue_ratio'; principal: Fen; limit: Fen }
  | { kind: 'custody_short'; required: Fen; held: Fen }
  | { kind: 'balance_warning'; principal: Fen; level: Fen }

export interface LiabilityReport {
  asOf: string
  /** 合同负债: principal owed to members, spendable */
  principalOutstanding: Fen
  /** bonus members can still spend (a discount on future sales, not cash owed: D4) */
  bonusOutstanding: Fen
  /** value held by refunds in flight (principal and bonus), still owed until paid */
  heldForRefunds: Fen
  /** revenue recognised on spending since `revenueFrom` (D4) */
  revenueRecognised: Fen
  dormant: { members: number; principal: Fen; bonus: Fen }
  /** A8: custody required now, when the limits name a ratio and a quarter-end balance */
  custodyRequired: Fen | null
  alerts: LiabilityAlert[]
}

const ceilBp = (x: number, bp: number) => fen(Number((BigInt(x) * BigInt(bp) + 9_999n) / 10_000n))

/** The liability report as of `asOf` (everything posted before it), with alerts for crossed thresholds. */
export function liabilityReport(journal: readonly StatementRow[], asOf: Date, revenueFrom: Date, limits: LiabilityLimits = {}): LiabilityReport {
  const end = asOf.getTime()
  const perMember = new Map<string, { principal: number; bonus: number; last: number }>()
  let held = 0
  let revenue = 0
  for (const { t, e } of entriesBefore(journal, end)) {
    if (e.kind === 'member_principal' || e.kind === 'member_bonus') {
      const openid = e.account.split(':')[1]
      const m = perMember.get(openid) ?? { principal: 0, bonus: 0, last: 0 }
      if (e.kind === 'member_principal') m.principal += e.amount
      else m.bonus += e.amount
      m.last = Math.max(m.last, t)
      perMember.set(openid, m)
    } else if (e.kind === 'member_refund_hold') held += e.amount
    else if (e.kind === 'store_revenue' && t >= revenueFrom.getTime()) revenue += e.amount
  }
  const dormantBefore = addDays(asOf, -(limits.dormantDays ?? 365)).getTime()
  let principal = 0
  let bonus = 0
  const dormant = { members: 0, principal: 0, bonus: 0 }
  for (const m of perMember.values()) {
    principal += m.principal
    bonus += m.bonus
    if (m.principal + m.bonus > 0 && m.last < dormantBefore) {
      dormant.members++
      dormant.principal += m.principal
      dormant.bonus += m.bonus
    }
  }
  const alerts: LiabilityAlert[] = []
  const owed = principal + held
  if (limits.revenueRatioBp != null && limits.lastYearRevenue != null) {
    // integer comparison: owed / revenue > bp / 10000
    if (BigInt(owed) * 10_000n > BigInt(limits.lastYearRevenue) * BigInt(limits.revenueRatioBp)) {
      alerts.push({ kind: 'over_revenue_ratio', principal: fen(owed), limit: fen(Number((BigInt(limits.lastYearRevenue) * BigInt(limits.revenueRatioBp)) / 10_000n)) })
    }
  }
  let custodyRequired: Fen | null = null
  if (limits.custodyRatioBp != null && limits.previousQuarterEndPrincipal != null) {
    custodyRequired = ceilBp(limits.previousQuarterEndPrincipal, limits.custodyRatioBp)
    const got = limits.custodyHeld ?? fen(0)
    if (got < custodyRequired) alerts.push({ kind: 'custody_short', required: custodyRequired, held: got })
  }
  if (limits.warnAbove != null && owed >= limits.warnAbove) alerts.push({ kind: 'balance_warning', principal: fen(owed), level: limits.warnAbove })
  return {
    asOf: asOf.toISOString(),
    principalOutstanding: fen(principal),
    bonusOutstanding: fen(bonus),
    heldForRefunds: fen(held),
    revenueRecognised: fen(revenue),
    dormant: { members: dormant.members, principal: fen(dormant.principal), bonus: fen(dormant.bonus) },
    custodyRequired,
    alerts
  }
}
