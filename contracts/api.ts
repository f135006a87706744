/**
 * What the cloud functions answer: the typed surface between the mini-program (src/services)
 * and the server. Every amount is integer fen (`Fen`, contracts/money.ts). Nothing here carries
 * an openid: identity comes from the WeChat context on the server.
 *
 * Events are not written here: each function's event type is derived from its zod schema
 * (contracts/wallet.ts, recharge.ts, ops.ts), the one the function validates with, and each
 * action's result type is declared there beside it. The app imports all of these as types only.
 */
import type { Fen } from './money'
import type { ReconDifferenceView } from './funds'

export type { Fen } from './money'
export type { WalletEvent } from './wallet'
export type { RechargeEvent } from './recharge'
export type { OpsEvent } from './ops'

export interface Balance {
  principal: Fen
  bonus: Fen
  total: Fen
}

export interface TierView {
  code: string
  name: string
  /** 9折; 无折扣 for a tier without one (absent on the placeholder of a member without a tier) */
  discountLabel?: string
}

export interface WalletBalance extends Balance {
  isMember: boolean
  memberSince: string | null
  tier: TierView
  /** the caller is listed as staff (server/staff.ts): the app shows staff entries only then */
  isStaff?: boolean
  /** the merchant's name from its settings, for the member's home header */
  merchantName?: string | null
}

/** refund_hold: a refund asked for, its value held; refund: a refund paid, released back, or goods returned */
export type HistoryKind = 'recharge' | 'spend' | 'refund_hold' | 'refund' | 'adjust'

export interface HistoryItem {
  id: string
  kind: HistoryKind
  title: string
  /** signed change of the member's total balance */
  amount: Fen
  principal: Fen
  bonus: Fen
  storeId: string | null
  storeName: string | null
  at: string
  /** reference numbers a member may quote to staff */
  refs: { outTradeNo?: string; transactionId?: string; paymentId?: string }
}

export interface HistoryPage {
  items: HistoryItem[]
  nextCursor: string | null
}

export interface GiftView {
  kind: 'coupon' | 'points_multiplier' | 'gift_card'
  title: string
}

export interface PlanQuote {
  id: string
  title: string
  pay: Fen
  bonus: Fen
  /** bonus from active campaigns, included in `bonus` */
  campaignBonus: Fen
  credit: Fen
  gifts: GiftView[]
  campaignIds: string[]
  tag: string | null
  /** false when paying this plan now would be refused by the balance cap (unpaid orders counted) */
  fitsCap: boolean
}

export interface CampaignView {
  id: string
  title: string
  description: string
  /** exclusive end instant */
  endsAt: string
  /** the last day it runs, Shanghai date (YYYY-MM-DD), for people */
  lastDay: string
}

export interface CustomAmountRule {
  enabled: boolean
  min: Fen
  max: Fen
  /** e.g. "每满100元送5元" */
  description: string
}

export interface RechargeOffer {
  plans: PlanQuote[]
  campaigns: CampaignView[]
  custom: CustomAmountRule
  agreement: { version: string; text: string }
  cap: {
    limit: Fen
    /** the part of the balance that counts toward the cap */
    balance: Fen
    /** room held by the member's unpaid orders */
    held: Fen
    /** limit − balance − held, in the cap's measure (credit when bonus counts) */
    room: Fen
    /** the largest custom amount that can be paid now (bonus, campaigns, balance and held room counted); 0 when none */
    maxPay: Fen
  }
  store: { id: string; name: string } | null
}

/** Parameters for wx.requestPayment (the mini-program fills appId from its own). */
export interface PaymentParams {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'RSA'
  paySign: string
}

export interface CreatedOrder {
  outTradeNo: string
  pay: Fen
  bonus: Fen
  payment: PaymentParams
}

export type OrderState = 'pending' | 'credited' | 'closed' | 'review'

export interface OrderStatus {
  outTradeNo: string
  state: OrderState
  pay: Fen
  bonus: Fen
  balance: Balance | null
  /** the attached bill's payment (checkout.receipt) once the recharge is credited; null when none or not paid */
  billPaymentId: string | null
  /** why an attached bill could not be paid at credit (the recharge is credited anyway), in Chinese */
  billFailure?: string
}

export interface DemoUser {
  openid: string
  name: string
  role: 'customer' | 'distributor' | 'cashier' | 'store_manager' | 'admin'
}

/** Staff: what needs a person's attention (shipping uploads that keep failing, orders under review). */
export interface ShippingIssue {
  id: string
  outTradeNo: string
  status: 'pending' | 'failed'
  attempts: number
  lastError: string | null
  nextAttemptAt: string
}

export interface ReviewOrder {
  outTradeNo: string
  pay: Fen
  reason: string
  transactionId: string | null
  at: string
}

/**
 * A notification WeChat Pay signed but we cannot process: its content is not a payment we can
 * read (`unprocessable_notification`), or it is a payment for an order we do not have
 * (`unknown_order`: money was taken, a person must find and refund it). Answered as received so
 * WeChat stops retrying; a person must look at it.
 */
export interface PayIncident {
  id: string
  /** refund_notification: WeChat Pay's result (REFUND.*) for a refund that is not ours, or that disagrees with our part: nothing was applied */
  kind: 'unprocessable_notification' | 'unknown_order' | 'refund_notification'
  eventId: string
  eventType: string
  /** the order it names, when it names one as a string */
  outTradeNo: string | null
  /** WeChat Pay's transaction id, when the resource has one: what staff look up in the merchant platform */
  transactionId: string | null
  /** what was wrong, for developers (English; the staff desk shows its own Chinese text) */
  reason: string
  at: string
}

/** A member's refund waiting for a store's approval (issue 11): staff open the member in 储值查询 to approve or reject it. */
export interface PendingRefund {
  refundId: string
  openid: string
  amount: Fen
  reason: string
  /** the stores whose recharges it pays back */
  storeIds: string[]
  createdAt: string
}

/** A manual payout due (a recharge too old, or out of refunds, at WeChat Pay): staff transfer it to the member's own account and record it. */
export interface DuePayout {
  outRefundNo: string
  refundId: string
  openid: string
  storeId: string
  amount: Fen
  /** why WeChat Pay cannot pay it back (older_than_365_days, refund_count_exhausted, payment_refunded) */
  reason: string
  createdAt: string
}

export interface Attention {
  shipping: ShippingIssue[]
  review: ReviewOrder[]
  incidents: PayIncident[]
  /** refunds waiting for approval at the staff member's stores, oldest first */
  refunds: PendingRefund[]
  /** manual payouts due at the staff member's stores, oldest first */
  payouts: DuePayout[]
  /** differences with WeChat Pay's trade bill that reconciliation could not repair (server/recon) */
  recon: ReconDifferenceView[]
}

