/**
 * THE pricing function for a bill paid from the balance. Quote and pay both call it, so what the
 * member is shown is what they are charged.
 *
 * Order, stated once: the tier discount applies to the bill first (rounded down to the fen, see
 * tiers/discount.ts), then the coupon takes its amount off what is left. Both orders are common;
 * this one is never worse for the member (a coupon taken off first would itself be discounted).
 * The coupon's threshold is checked against the bill as typed, before any discount, so "满100"
 * means what the member reads on the keypad. A coupon never takes the payable below zero.
 */
import { formatYuan, fen, isFen, sub, ZERO, type Fen } from '../money'
import type { BalanceParts } from '../offers/types'
import { applyPermille } from '../tiers/discount'
import { payPermilleOf } from '../tiers/tier'
import type { Tier } from '../tiers/types'
import { couponRefusal, couponRefusalMessage, type Coupon } from './coupon'
import { checkoutFail, type CheckoutResult } from './types'

/** The largest bill the checkout takes: 100,000 元. */
export const MAX_BILL = fen(10_000_000)

export interface BillInput {
  amount: Fen
  /** the member's tier (memberTier(...).tier), null without one */
  tier: Tier | null
  coupon?: Coupon | null
  balance: BalanceParts
  storeId: string
  now: Date
}

export interface BillPrice {
  amount: Fen
  tierDiscount: Fen
  couponDiscount: Fen
  /** amount − tierDiscount − couponDiscount: what leaves the balance */
  payable: Fen
  /** how much the balance is short of payable; 0 when it covers it */
  shortfall: Fen
}

export function priceBill(input: BillInput): CheckoutResult<BillPrice, 'AMOUNT_OUT_OF_RANGE' | 'COUPON_NOT_APPLICABLE'> {
  const { amount, coupon } = input
  if (!isFen(amount) || amount < 1 || amount > MAX_BILL) {
    return checkoutFail('AMOUNT_OUT_OF_RANGE', `消费金额须在¥0.01至${formatYuan(MAX_BILL)}之间`)
  }
  const tiered = applyPermille(amount, payPermilleOf(input.tier))
  let couponDiscount = ZERO
  if (coupon) {
    const refusal = couponRefusal(coupon, { amount, storeId: input.storeId, now: input.now })
    if (refusal) return checkoutFail('COUPON_NOT_APPLICABLE', couponRefusalMessage(refusal, coupon))
    couponDiscount = fen(Math.min(coupon.off, tiered.payable))
  }
  const payable = sub(tiered.payable, couponDiscount)
  const total = input.balance.principal + input.balance.bonus
  return {
    ok: true,
    data: { amount, tierDiscount: tiered.discount, couponDiscount, payable, shortfall: fen(Math.max(0, payable - total)) }
  }
}
