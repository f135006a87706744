/**
 * 充值免单: "recharge N× this bill and this bill is free". The member pays N × the bill into their
 * balance (all principal, no bonus); the bill itself is the store's promotion cost, never paid
 * from the balance. A merchant bounds it with a per-store budget (fen of free bills per rule) and
 * a per-member limit (free bills per member per rule); the caller counts both from its records.
 */
import { formatYuan, fen, isFen, type Fen } from '../money'
import { isWithin, parseInstant } from '../time'
import { yuanText } from './describe'
import { inStoreScope } from './scope'
import type { StoreScope } from './types'

export interface FreeBillRule {
  id: string
  active: boolean
  /** recharge this many times the bill: an integer, 2 or more (1× would give the bill away for nothing) */
  multiple: number
  /** bills the rule covers, both inclusive, as typed (before any discount) */
  minBill: Fen
  maxBill: Fen
  stores: StoreScope
  /** inclusive; open when absent */
  startsAt?: string
  /** exclusive; open when absent */
  endsAt?: string
  /** fen of free bills each store may give under this rule */
  storeBudget: Fen
  /** free bills one member may get under this rule */
  perMemberLimit: number
}

export interface FreeBillUsage {
  /** fen of free bills this store already gave under the rule (pending ones included) */
  storeUsed: Fen
  /** free bills this member already got under the rule (pending ones included) */
  memberUses: number
}

export interface FreeBillOffer {
  ruleId: string
  /** "充600本单免单" */
  title: string
  /** what the member pays now, all of it principal */
  pay: Fen
  /** the bill the store forgives: the member's price for it today, which is also the promotion cost */
  free: Fen
}

/**
 * The offer for this bill, or null when the rule does not cover it. `price` is the member's price
 * for the bill (after their tier discount); the recharge is N × the bill as typed.
 */
export function freeBillOffer(
  rule: FreeBillRule,
  bill: { amount: Fen; price: Fen; storeId: string; now: Date },
  usage: FreeBillUsage
): FreeBillOffer | null {
  if (!rule.active || !isWithin(bill.now, rule.startsAt, rule.endsAt) || !inStoreScope(rule.stores, bill.storeId)) return null
  if (bill.amount < rule.minBill || bill.amount > rule.maxBill || bill.price <= 0) return null
  if (usage.memberUses >= rule.perMemberLimit || usage.storeUsed + bill.price > rule.storeBudget) return null
  const pay = fen(bill.amount * rule.multiple) // ≤ 100,000元 × 100: a safe integer
  return { ruleId: rule.id, title: `充${yuanText(pay)}本单免单`, pay, free: bill.price }
}

/** Problems with a rule ([] = fine), listed like offers/validate.ts. */
export function freeBillRuleProblems(r: FreeBillRule): string[] {
  const out: string[] = []
  const pos = (n: unknown) => isFen(n) && n > 0
  if (!r.id) out.push('id is required')
  if (!Number.isSafeInteger(r.multiple) || r.multiple < 2 || r.multiple > 100) out.push('multiple must be an integer 2..100')
  if (!pos(r.minBill)) out.push('minBill must be positive fen')
  if (!pos(r.maxBill)) out.push('maxBill must be positive fen')
  if (pos(r.minBill) && pos(r.maxBill) && r.minBill > r.maxBill) out.push('minBill must not exceed maxBill')
  if (r.stores !== 'all' && (!Array.isArray(r.stores) || r.stores.length === 0)) out.push("stores must be 'all' or a non-empty list")
  if (!pos(r.storeBudget)) out.push('storeBudget must be positive fen')
  if (!Number.isSafeInteger(r.perMemberLimit) || r.perMemberLimit < 1) out.push('perMemberLimit must be a positive integer')
  for (const [name, v] of [['startsAt', r.startsAt], ['endsAt', r.endsAt]] as const) {
    if (v === undefined) continue
    try {
      parseInstant(v)
    } catch {
      out.push(`${name} is not an ISO instant with offset`)
    }
  }
  if (r.startsAt && r.endsAt && !out.some((m) => m.includes('ISO')) && parseInstant(r.endsAt) <= parseInstant(r.startsAt)) {
    out.push('endsAt must be after startsAt')
  }
  return out
}

/** For the staff page: "消费满¥10.00至¥500.00，充值5倍本单免单". */
export function describeFreeBill(r: FreeBillRule): string {
  return `消费${formatYuan(r.minBill)}至${formatYuan(r.maxBill)}，充值${r.multiple}倍本单免单`
}
