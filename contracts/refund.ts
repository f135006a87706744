import { z } from 'zod'
import { defineContract } from './define'
import type { Fen } from './money'

/** the client's key for one tap on 申请退款: a retry or a double tap sends the same one */
export const refundRequestId = z.string().regex(/^[0-9A-Za-z_\-]{8,64}$/)
/** a refund's id (server/refund/ids.ts): `rf` + 28 hex digits, ≤ 31 chars so out_refund_no fits in 64 */
export const refundId = z.string().regex(/^rf[0-9a-f]{28}$/)

/** Cloud function `refund`: a member's refund of their stored value (issue 11). */
export const refundEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('quote') }),
  z.strictObject({ action: z.literal('request'), requestId: refundRequestId, reason: z.string().trim().max(80).optional() }),
  z.strictObject({ action: z.literal('status'), refundId }),
  z.strictObject({ action: z.literal('list') })
])

export type RefundState = 'pending_approval' | 'processing' | 'succeeded' | 'abnormal' | 'rejected' | 'closed'
export type RefundPartState = 'awaiting_approval' | 'processing' | 'succeeded' | 'abnormal' | 'closed' | 'rejected'

export interface RefundQuoteView {
  /** cash that would come back now */
  refundable: Fen
  /** balance (bonus under the split rule) taken back with it */
  bonusForfeited: Fen
  /** every refunded recharge is inside its cooling-off window */
  withinCoolingOff: boolean
  /** the merchant's cooling-off days, for the rule the page explains */
  coolingOffDays: number
  /** auto: sent at once; staff: the store approves first */
  approval: 'auto' | 'staff'
  /** the WeChat Pay payments it goes back through (manual payouts are listed with outTradeNo too) */
  parts: Array<{ outTradeNo: string; amount: Fen }>
}

export interface RefundPartView {
  outTradeNo: string
  amount: Fen
  /** wechat: back through the payment (原路退回); manual: a transfer staff make to the member's own account */
  kind: 'wechat' | 'manual'
  state: RefundPartState
}

export interface RefundView {
  refundId: string
  /** cash back to the member */
  amount: Fen
  state: RefundState
  parts: RefundPartView[]
  /** what happens next, in Chinese */
  guidance: string
  /** ISO instant */
  createdAt: string
}

export interface RefundResults {
  quote: RefundQuoteView
  request: RefundView
  status: RefundView
  list: { refunds: RefundView[] }
}

export const refundContract = defineContract<RefundResults>()('refund', refundEvent)
export type RefundEvent = z.input<typeof refundEvent>
