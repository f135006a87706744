import { z } from 'zod'
import { defineContract } from './define'
import { money, type Fen } from './money'
import type { Balance } from './api'
import type { BillOffer } from '../domain/offers/recommend'

const storeId = z.string().min(1).max(64)
/** the client's key for one tap on 付款: a retry or a double tap sends the same one */
const requestId = z.string().regex(/^[0-9A-Za-z_\-]{8,64}$/)

/** Cloud function `checkout`: pay a bill at a store from the stored balance (issue 10). */
export const checkoutEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('quote'), storeId, amount: money }),
  z.strictObject({ action: z.literal('pay'), storeId, amount: money, requestId }),
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
}

export interface CheckoutPayment {
  paymentId: string
  state: 'paid'
  /** the bill as typed */
  amount: Fen
  /** tier and coupon discounts together */
  discount: Fen
  /** what left the balance: principal + bonus */
  charged: Fen
  principal: Fen
  bonus: Fen
  /** the balance right after this payment */
  balance: Balance
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
