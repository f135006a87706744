import type { CheckoutEvent } from '../../contracts/checkout'
import type { BillQuote, BillReceipt, CheckoutPayExtras } from '../../contracts/pending-issue10'
import { callFunction } from './call'

type Quote = Extract<CheckoutEvent, { action: 'quote' }>
type Pay = Extract<CheckoutEvent, { action: 'pay' }> & CheckoutPayExtras
type Receipt = Extract<CheckoutEvent, { action: 'receipt' }>

export interface BillInput {
  storeId: string
  /** the bill as typed, fen */
  amount: number
  couponId?: string
}

export interface PayBill extends BillInput {
  /** one per tap on 付款, the same on every retry of that tap (see lib/request-id.ts) */
  requestId: string
  rest?: 'wechat'
}

// optional fields are sent only when set: the server's strict schema refuses what it does not name
const coupon = (couponId?: string) => (couponId ? { couponId } : {})

/** Cloud function `checkout`: price a bill, pay it from the balance, read its receipt. */
export const checkout = {
  quote: ({ storeId, amount, couponId }: BillInput) =>
    callFunction<Quote, BillQuote>('checkout', { action: 'quote', storeId, amount, ...coupon(couponId) }),
  pay: ({ storeId, amount, couponId, requestId, rest }: PayBill) =>
    callFunction<Pay, BillReceipt>('checkout', {
      action: 'pay',
      storeId,
      amount,
      requestId,
      ...coupon(couponId),
      ...(rest ? { rest } : {})
    }),
  receipt: (paymentId: string) => callFunction<Receipt, BillReceipt>('checkout', { action: 'receipt', paymentId })
}
