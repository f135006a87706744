import type { PaymentParams } from '../../contracts/api'

export type PayOutcome = 'paid' | 'cancelled'

/**
 * Runs the WeChat Pay step for a created order. Resolved per build: pay.weapp.ts
 * (wx.requestPayment) | pay.h5.ts (the local WeChat Pay simulator in an overlay).
 * 'paid' only means the payer confirmed; the credit is confirmed by recharge.status.
 * Throws ApiError('PAYMENT_FAILED') for anything but success or a user cancel.
 */
export declare function pay(payment: PaymentParams): Promise<PayOutcome>
