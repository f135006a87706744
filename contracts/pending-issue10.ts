/**
 * Issue-10 shapes the app already calls but whose owners are still adding them to the contracts
 * (the team's agreed interfaces): `rest: 'wechat'` on checkout.pay and its `awaiting_wechat_pay`
 * answer, the recharge with an attached bill and `billPaymentId` [mixed], `paidBy` [family]. Types
 * only, and only what the pages read: the zod schemas and the server belong to the owners. When
 * their contract lands, the service switches to it and this file loses that part (the owner's
 * version wins). The members part (wallet.member / coupons / points, couponId) is in
 * contracts/wallet.ts and checkout.ts.
 */
import type { Fen } from './money'
import type { OrderStatus, PaymentParams } from './api'
import type { CheckoutQuote, CheckoutReceipt } from './checkout'

/** checkout.pay event fields beyond today's contract */
export interface CheckoutPayExtras {
  /** pay what the balance does not cover with WeChat Pay [mixed] */
  rest?: 'wechat'
}

/** CheckoutQuote as the page reads it: the contract, plus the principal/bonus split when the server sends it */
export type BillQuote = CheckoutQuote & { principal?: Fen; bonus?: Fen }

/** CheckoutPayment / CheckoutReceipt fields beyond today's contract [mixed, family] */
export interface BillPaymentExtras {
  /** closed: WeChat Pay's part was never paid and the held balance went back */
  state: 'paid' | 'awaiting_wechat_pay' | 'closed'
  /** a mixed payment's WeChat Pay part */
  wechat?: { outTradeNo: string; amount: Fen; payParams: PaymentParams | null }
  /** 充值免单: the store gave this bill away for the recharge `outTradeNo` */
  free?: { outTradeNo: string }
  paidBy?: 'self' | 'family'
}

export type BillReceipt = Omit<CheckoutReceipt, 'state'> & BillPaymentExtras

/** recharge.create with a bill to pay from the new balance in the crediting transaction [mixed] */
export interface RechargeBill {
  storeId: string
  /** fen, as typed (an event field: the schema's input) */
  amount: number
  requestId: string
  couponId?: string
}

export type BillOrderStatus = OrderStatus & {
  billPaymentId?: string | null
  /** why an attached bill could not be paid at credit (the recharge is credited anyway), in Chinese */
  billFailure?: string
}
