/**
 * Issue-10 shapes the app already calls but whose owners are still adding them to the contracts
 * (docs: /work/notes/tasks/_team.md "Agreed interfaces"): the wallet actions member / acceptTerms /
 * coupons / points [members], couponId on checkout [members], `rest: 'wechat'` and the recharge
 * with an attached bill [mixed]. Types only, and only what the pages read: the zod schemas and the
 * server belong to the owners. When their contract lands, the service switches to it and this
 * file loses that part (the owner's version wins).
 */
import type { Fen } from './money'
import type { CreatedOrder, OrderStatus, PaymentParams, TierView } from './api'
import type { CheckoutQuote, CheckoutReceipt } from './checkout'

/** wallet.member / wallet.acceptTerms [members] */
export interface MemberView {
  tier: (TierView & { discountLabel?: string }) | null
  /** what the tier gives, in members' words (会员价9折, 生日双倍积分 …) */
  benefits: string[]
  discountLabel: string | null
  /** the next tier and the principal still to recharge to reach it; null at the top */
  next: { name: string; threshold: Fen; needed: Fen } | null
  netRecharged: Fen
  termsVersion: string | null
  /** new tier terms the member has not accepted yet */
  pendingTerms: { version: string; tier: string; changes: string } | null
}

export type CouponState = 'usable' | 'used' | 'expired' | 'not_started'

/** wallet.coupons [members] */
export interface CouponView {
  id: string
  title: string
  /** fen off the bill */
  off: Fen
  /** the bill must be at least this (0: no threshold) */
  threshold: Fen
  storeIds: string[] | 'all'
  startsAt: string
  endsAt: string
  state: CouponState
}

export interface CouponList {
  coupons: CouponView[]
}

/** wallet.points [members] */
export interface PointsItem {
  id: string
  delta: number
  reason: string
  createdAt: string
}

export interface PointsPage {
  balance: number
  multiplier: { times: number; until: string } | null
  items: PointsItem[]
  nextCursor: string | null
}

/** checkout.quote / pay event fields beyond today's contract */
export interface CheckoutBillExtras {
  couponId?: string
}

export interface CheckoutPayExtras extends CheckoutBillExtras {
  /** pay what the balance does not cover with WeChat Pay [mixed] */
  rest?: 'wechat'
}

/** CheckoutQuote as the page reads it: today's contract, plus the split when the server sends it */
export type BillQuote = CheckoutQuote & { principal?: Fen; bonus?: Fen }

/** CheckoutPayment / CheckoutReceipt fields beyond today's contract [members, mixed, family] */
export interface BillPaymentExtras {
  state: 'paid' | 'awaiting_wechat_pay'
  wechat?: { outTradeNo: string; amount: Fen; payParams: PaymentParams }
  pointsEarned?: number
  couponId?: string | null
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

export type BillOrderStatus = OrderStatus & { billPaymentId?: string | null }
export type BillCreatedOrder = CreatedOrder
