import { z } from 'zod'
import { defineContract } from './define'
import { money, type Fen } from './money'
import type { Balance, PaymentParams, TierView } from './api'
import type { BillOffer } from '../domain/offers/recommend'

const storeId = z.string().min(1).max(64)
/** the client's key for one tap on 付款: a retry or a double tap sends the same one */
const requestId = z.string().regex(/^[0-9A-Za-z_\-]{8,64}$/)
/** whose balance pays: the caller's own (default), or the family owner's they joined (contracts/family.ts) */
const payFrom = z.enum(['own', 'family']).optional()

/** a coupon in the member's wallet (wallet.coupons) */
const couponId = z.string().min(1).max(100)
/**
 * What the bill is for, when the till knows: the amounts must add up to the bill, and a virtual
 * line (recharge, gift card, membership card) is refused with VIRTUAL_GOODS (E2).
 */
const lines = z.array(z.strictObject({ name: z.string().min(1).max(40), amount: money, virtual: z.boolean() })).max(50)

/** Cloud function `checkout`: pay a bill at a store from the stored balance (issue 10). */
export const checkoutEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('quote'), storeId, amount: money, couponId: couponId.optional(), lines: lines.optional(), payFrom }),
  z.strictObject({
    action: z.literal('pay'),
    storeId,
    amount: money,
    requestId,
    couponId: couponId.optional(),
    lines: lines.optional(),
    payFrom,
    /** the balance pays what it holds and WeChat Pay the rest (a mixed payment) */
    rest: z.literal('wechat').optional()
  }),
  z.strictObject({ action: z.literal('receipt'), paymentId: z.string().min(1).max(100) })
])

export interface CheckoutQuote {
  amount: Fen
  tierDiscount: Fen
  couponDiscount: Fen
  /** what leaves the balance */
  payable: Fen
  balance: Balance
  /** how much the balance is short of payable; 0 when it covers it */
  shortfall: Fen
  /** at most two ways to recharge now, each with what it saves on this bill */
  recommendations: BillOffer[]
  /** the tier the bill is priced with (the member's own, under the terms they accepted) */
  tier: TierView | null
  /** points paying this bill would earn (multiplier included) */
  pointsEarned: number
  /** payFrom 'family': the balance is the owner's; `left` is what the monthly limit leaves (null: no limit) */
  family?: { ownerName: string; left: Fen | null }
}

export interface CheckoutPayment {
  paymentId: string
  /**
   * paid; awaiting_wechat_pay: a mixed payment whose WeChat Pay part (`wechat`) is not paid yet,
   * the balance part held; closed: that part was never paid and the held balance went back
   */
  state: 'paid' | 'awaiting_wechat_pay' | 'closed'
  /** the bill as typed */
  amount: Fen
  /** tier and coupon discounts together */
  discount: Fen
  /** what left the balance: principal + bonus */
  charged: Fen
  principal: Fen
  bonus: Fen
  /** the balance right after this payment (for a family payment: the owner's, which it was paid from) */
  balance: Balance
  /** points this payment earned (per whole yuan charged, times an active multiplier) */
  pointsEarned: number
  /** the coupon this payment used */
  couponId: string | null
  /** 'family': paid by a family member from the owner's balance */
  paidBy: 'self' | 'family'
  /** a mixed payment's WeChat Pay part: pay it with `payParams` (wx.requestPayment), as a recharge */
  wechat?: { outTradeNo: string; amount: Fen; payParams: PaymentParams | null }
  /** 充值免单: the store gave this bill away (charged 0) for the recharge `outTradeNo` */
  free?: { outTradeNo: string }
}

export interface CheckoutReceipt extends CheckoutPayment {
  storeId: string
  storeName: string
  /** ISO instant */
  paidAt: string
}

export interface CheckoutResults {
  quote: CheckoutQuote
  pay: CheckoutReceipt
  receipt: CheckoutReceipt
}

export const checkoutContract = defineContract<CheckoutResults>()('checkout', checkoutEvent)
export type CheckoutEvent = z.input<typeof checkoutEvent>
