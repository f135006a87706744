/**
 * Coupon templates: what a `coupon` gift (domain/offers/types.ts Gift, `templateId`) issues. A
 * template is merchant data (`settings.couponTemplates`); the issued coupon (checkout/coupon.ts
 * `Coupon`) copies its terms, so a later edit of the template never changes a coupon a member
 * already holds.
 */
import { isFen, type Fen } from '../money'
import type { StoreScope } from '../offers/types'
import { couponWindow, type Coupon } from '../checkout/coupon'

export interface CouponTemplate {
  id: string
  /** 满100减10, 任意饮品兑换券 */
  title: string
  /** the bill as typed must reach this (fen); 0 = 无门槛 */
  threshold: Fen
  off: Fen
  stores: StoreScope
  /** "N天有效": the issue day is day 1 (couponWindow) */
  validDays: number
}

export function couponTemplateProblems(t: CouponTemplate): string[] {
  const out: string[] = []
  if (!t.id) out.push('id is required')
  if (!t.title) out.push('title is required')
  if (!isFen(t.off) || t.off <= 0) out.push('off must be positive fen')
  if (!isFen(t.threshold) || t.threshold < 0) out.push('threshold must be non-negative fen')
  else if (t.threshold > 0 && isFen(t.off) && t.off > t.threshold) out.push('off must not exceed the threshold (满100减120 gives money away)')
  if (t.stores !== 'all' && (!Array.isArray(t.stores) || t.stores.length === 0)) out.push("stores must be 'all' or a non-empty list")
  if (!Number.isSafeInteger(t.validDays) || t.validDays < 1 || t.validDays > 3660) out.push('validDays must be a whole number of days from 1 to 3660')
  return out
}

/** The coupon id: one per (recharge order, position in its gifts), so a replayed credit issues nothing twice. */
export const couponId = (outTradeNo: string, i: number) => `cpn:${outTradeNo}:${i}`

/** A coupon issued from `t` at `issuedAt`, valid for its days in Asia/Shanghai. */
export function issueCoupon(t: CouponTemplate, id: string, issuedAt: Date): Coupon {
  return { id, title: t.title, threshold: t.threshold, off: t.off, stores: t.stores, ...couponWindow(issuedAt, t.validDays), usedAt: null }
}
