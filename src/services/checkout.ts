import type { CheckoutEvent, CheckoutQuote, CheckoutReceipt } from '../../contracts/checkout'
import { callFunction } from './call'

type Quote = Extract<CheckoutEvent, { action: 'quote' }>
type Pay = Extract<CheckoutEvent, { action: 'pay' }>
type Receipt = Extract<CheckoutEvent, { action: 'receipt' }>

export interface BillInput {
  storeId: string
  /** the bill as typed, fen */
  amount: number
  couponId?: string
  /** 'family': paid from the balance of the family the member joined (contracts/family.ts) */
  payFrom?: 'own' | 'family'
}

export interface PayBill extends BillInput {
  /** one per tap on 付款, the same on every retry of that tap (see lib/request-id.ts) */
  requestId: string
  rest?: 'wechat'
}

// optional fields are sent only when set: the server's strict schema refuses what it does not name
const coupon = (couponId?: string) => (couponId ? { couponId } : {})
const from = (payFrom?: 'own' | 'family') => (payFrom === 'family' ? { payFrom } : {})

/** Cloud function `checkout`: price a bill, pay it from the balance, read its receipt. */
export const checkout = {
  quote: ({ storeId, amount, couponId, payFrom }: BillInput) =>
    callFunction<Quote, CheckoutQuote>('checkout', { action: 'quote', storeId, amount, ...coupon(couponId), ...from(payFrom) }),
  pay: ({ storeId, amount, couponId, payFrom, requestId, rest }: PayBill) =>
    callFunction<Pay, CheckoutReceipt>('checkout', {
      action: 'pay',
      storeId,
      amount,
      requestId,
      ...coupon(couponId),
      ...from(payFrom),
      ...(rest ? { rest } : {})
    }),
  receipt: (paymentId: string) => callFunction<Receipt, CheckoutReceipt>('checkout', { action: 'receipt', paymentId })
}
