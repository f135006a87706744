/**
 * Coupons (满减券) as the checkout sees them: one issued coupon in the member's wallet. Whether the
 * coupon belongs to the member is the server's check; this module says whether it applies to a
 * bill here and now. Validity is a window of instants; `couponWindow` turns "valid N days" into one
 * in Asia/Shanghai, so a coupon issued at 23:30 on the 23rd with 7 days lasts to the end of the 29th
 * whatever the host's time zone.
 */
import { formatYuan, isFen, type Fen } from '../money'
import { inStoreScope } from '../offers/scope'
import type { StoreScope } from '../offers/types'
import { addDays, isWithin, parseInstant, shanghaiDate, shanghaiDateWindow, toShanghaiISO } from '../time'

export interface Coupon {
  id: string
  /** 满100减10 */
  title: string
  /** the bill, before any discount, must reach this (fen); 0 = 无门槛 */
  threshold: Fen
  /** fen taken off the bill (never more than what is left to pay) */
  off: Fen
  stores: StoreScope
  /** inclusive */
  startsAt: string
  /** exclusive */
  endsAt: string
  /** set once used (or taken back with a refunded recharge); such a coupon never applies */
  usedAt?: string | null
}

export type CouponRefusal = 'used' | 'not_started' | 'expired' | 'store_not_in_scope' | 'below_threshold'

export interface BillContext {
  /** the bill before any discount */
  amount: Fen
  storeId: string
  now: Date
}

/** Why the coupon does not apply to this bill, or null when it does. Checked in this order. */
export function couponRefusal(c: Coupon, bill: BillContext): CouponRefusal | null {
  if (c.usedAt) return 'used'
  if (!isWithin(bill.now, c.startsAt, null)) return 'not_started'
  if (!isWithin(bill.now, null, c.endsAt)) return 'expired'
  if (!inStoreScope(c.stores, bill.storeId)) return 'store_not_in_scope'
  if (bill.amount < c.threshold) return 'below_threshold'
  return null
}

export function couponRefusalMessage(r: CouponRefusal, c: Coupon): string {
  switch (r) {
    case 'used':
      return `「${c.title}」已使用`
    case 'not_started':
      return `「${c.title}」尚未到使用时间`
    case 'expired':
      return `「${c.title}」已过期`
    case 'store_not_in_scope':
      return `「${c.title}」不适用于本门店`
    case 'below_threshold':
      return `「${c.title}」需消费满${formatYuan(c.threshold)}可用`
  }
}

/**
 * From the moment of issue to the end of the `days`-th Shanghai calendar day, the issue day being
 * day 1 ("7天有效").
 */
export function couponWindow(issuedAt: Date, days: number): { startsAt: string; endsAt: string } {
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`coupon validity must be a positive number of days, not ${days}`)
  const lastDay = shanghaiDate(addDays(issuedAt, days - 1))
  return { startsAt: toShanghaiISO(issuedAt), endsAt: shanghaiDateWindow(shanghaiDate(issuedAt), lastDay).endsAt }
}

/** Problems with a coupon template or issued coupon ([] = fine), for the admin form and seeding. */
export function couponProblems(c: Coupon): string[] {
  const out: string[] = []
  if (!c.id) out.push('id is required')
  if (!c.title) out.push('title is required')
  if (!isFen(c.off) || c.off <= 0) out.push('off must be positive fen')
  if (!isFen(c.threshold) || c.threshold < 0) out.push('threshold must be non-negative fen')
  else if (c.threshold > 0 && isFen(c.off) && c.off > c.threshold) out.push('off must not exceed the threshold (满100减120 gives money away)')
  if (c.stores !== 'all' && (!Array.isArray(c.stores) || c.stores.length === 0)) out.push("stores must be 'all' or a non-empty list")
  let s: number | null = null
  let e: number | null = null
  try {
    s = parseInstant(c.startsAt).getTime()
  } catch {
    out.push('startsAt is not an ISO instant with offset')
  }
  try {
    e = parseInstant(c.endsAt).getTime()
  } catch {
    out.push('endsAt is not an ISO instant with offset')
  }
  if (s !== null && e !== null && e <= s) out.push('endsAt must be after startsAt')
  return out
}
