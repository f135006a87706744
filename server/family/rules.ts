/**
 * Family sharing's rules, without I/O: which month a payment counts in, what a member has spent
 * and may still spend this month, and the refusal when a bill would go over the owner's limit.
 *
 * The month is the calendar month in Asia/Shanghai (domain/time.ts), whatever the host's zone:
 * a limit set "per month" resets at 00:00 Shanghai time on the 1st, as members read it.
 */
import { fen, formatYuan, type Fen } from '../../domain/money'
import { shanghaiDate } from '../../domain/time'
import { AppError } from '../errors'

/** 'YYYY-MM' in Shanghai. */
export type MonthKey = string

export const monthOf = (at: Date): MonthKey => shanghaiDate(at).slice(0, 7)

/** What a member's entry keeps of their spending: the month it counts and the sum charged in it. */
export interface MonthSpend {
  month: MonthKey
  spent: number
}

/** Charged so far in `at`'s month: a sum kept for an earlier month is this month's 0. */
export function spentIn(entry: MonthSpend, at: Date): Fen {
  return fen(entry.month === monthOf(at) ? entry.spent : 0)
}

/** What the limit leaves this month (null: no limit). */
export function limitLeft(entry: MonthSpend & { limit: number | null }, at: Date): Fen | null {
  if (entry.limit === null) return null
  return fen(Math.max(0, entry.limit - spentIn(entry, at)))
}

/**
 * The entry after charging `charged`, or FAMILY_LIMIT_EXCEEDED with what is left in the message.
 * A bill is never paid in part: over the limit by one fen is refused whole.
 */
export function chargeMonth(entry: MonthSpend & { limit: number | null }, charged: Fen, at: Date): MonthSpend {
  const left = limitLeft(entry, at)
  if (left !== null && charged > left) {
    throw new AppError('FAMILY_LIMIT_EXCEEDED', `超出本月家庭额度，本月还可用${formatYuan(left)}，请联系家人调整额度或用自己的余额付款`)
  }
  return { month: monthOf(at), spent: spentIn(entry, at) + charged }
}
