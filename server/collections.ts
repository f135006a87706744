import type { LotBalance } from '../domain/lots'
import type { Entry, PostingKind } from '../domain/ledger'
import type { Gift } from '../domain/offers/types'
import type { PartState, RefundPart, RefundState } from '../domain/refunds'

/** Stored document shapes. Dates are stored as Date (the SDK's $date). */

export interface AccountDoc {
  _id: string
  kind: Entry['kind']
  owner: string
  balance: number
  createdAt: Date
}

/**
 * One shard of a spending store's revenue and bonus-redeemed accounts, on one document (domain
 * storedAt): a spend `inc`s both fields in one call. In the accounts collection, by kind.
 */
export interface StoreSpendDoc {
  _id: string
  kind: 'store_spend'
  owner: string
  revenue: number
  bonusRedeemed: number
  createdAt: Date
}

export interface JournalDoc {
  _id: string
  kind: PostingKind
  memberId: string | null
  storeId: string | null
  entries: Array<Pick<Entry, 'account' | 'kind' | 'amount'>>
  memo: string
  refs: Record<string, string>
  /** a family payment (server/family/pay.ts): who paid from the owner's (memberId's) balance */
  family?: { payer: string; memberId: string; name: string }
  createdAt: Date
}

/**
 * One customer's wallet document. It exists from their first order (it carries the room their
 * unpaid orders hold under the balance cap); they are a member (储值即会员) only from their first
 * credited recharge, when `memberSince` is set.
 */
export interface MemberDoc {
  _id: string // openid
  memberSince: Date | null
  /**
   * The member's principal and bonus balances: the ledger accounts m:<openid>:principal and
   * m:<openid>:bonus live here, beside the lots, so a credit writes one document for the member
   * (reconcile checks them against the journal like any account). Absent = 0.
   */
  principal?: number
  bonus?: number
  lots: StoredLot[]
  rechargedTotal: number
  rechargeCount: number
  /** out_trade_no → the room that unpaid order holds under the cap (server/recharge/cap-holds.ts) */
  capHolds?: Record<string, CapHold>
  /**
   * The account m:<openid>:spend-hold: balance held by bills whose WeChat Pay part is unpaid
   * (server/bills/mixed.ts). Absent = 0. `spendHolds` says what each payment holds.
   */
  spendHeld?: number
  /** paymentId → what that mixed payment holds, lot by lot, until its WeChat Pay order is paid or closed */
  spendHolds?: Record<string, SpendHold>
  // Membership (server/members): written by the crediting transaction, acceptTerms and refunds.
  /** principal recharged − principal refunded (never bonus); absent on older documents = rechargedTotal */
  netRecharged?: number
  /** the tier terms version the member accepted (their first recharge's current one, then acceptTerms) */
  termsVersion?: string
  /** the tier `netRecharged` reaches under `termsVersion`, as checkout prices with it */
  tier?: StoredTier | null
  /** 8 digits, set at the first credit; `member_codes/<code>` reserves it */
  memberCode?: string
  /** points balance; every change is a `points` entry */
  points?: number
  pointsBoost?: StoredBoost | null
  /** gifts of credited recharges not issued automatically (gift cards; a coupon whose template is missing) */
  pendingGifts?: PendingGift[]
  /**
   * The member's refund-hold account m:<openid>:refund-hold (docs/refunds.md): value held by
   * refunds in flight, neither spendable nor refundable again. Absent = 0.
   */
  refundHeld?: number
  /** the member's refund still in flight: a second request answers it instead of holding again */
  refundInFlight?: string
  /** mainland mobile number bound through WeChat (wallet.bindPhone): staff find the member by it */
  phone?: string
  phoneBoundAt?: Date
}

export interface StoredTier {
  id: string
  name: string
  payPermille: number
}

export interface StoredBoost {
  /** percent: 200 = 2× */
  factor: number
  until: Date | null
  outTradeNo: string
}

export interface PendingGift {
  outTradeNo: string
  gift: Gift
  reason: string
  at: Date
}

/** An issued coupon (domain/checkout/coupon.ts Coupon) in the member's wallet. */
export interface CouponDoc {
  _id: string // cpn:<outTradeNo>:<i>
  openid: string
  templateId: string
  title: string
  threshold: number
  off: number
  stores: 'all' | string[]
  startsAt: string
  endsAt: string
  usedAt: Date | null
  /** the payment that used it */
  paymentId: string | null
  /** taken back with its refunded recharge; a voided coupon never applies and is not listed */
  voidedAt: Date | null
  sourceOrder: string
  createdAt: Date
}

/** One immutable change of a member's points. */
export interface PointsDoc {
  _id: string // pts:<paymentId>
  openid: string
  delta: number
  reason: string
  paymentId: string | null
  createdAt: Date
}

/** Reserves a member code: `_id` is the code. */
export interface MemberCodeDoc {
  _id: string
  openid: string
  createdAt: Date
}

/** The balance part of a mixed payment, held (domain/ledger/bill.ts): drawn from these lots, given back to them if unpaid. */
export interface SpendHold {
  principal: number
  bonus: number
  draws: Array<{ lotId: string; principal: number; bonus: number }>
  storeId: string
  /** the bill's WeChat Pay order */
  outTradeNo: string
  /** the order's expiry plus the closing grace: the sweeper releases the hold after it */
  until: Date
}

/** What one unpaid order holds under the balance cap, until it is credited, closed, or `until` passes. */
export interface CapHold {
  /** what the order is for (store and plan or amount): one payable order per key at a time */
  key: string
  pay: number
  credit: number
  /** the order's expiry plus the closing grace */
  until: Date
}

/**
 * A recharge order's life: pending (prepay placed, waiting for WeChat Pay) ends in exactly one
 * of credited (money posted), closed (never paid) or review (paid but something did not match
 * our records; nothing credited, staff look at it).
 */
interface OrderBase {
  _id: string // out_trade_no
  openid: string
  storeId: string
  planId: string | null
  description: string
  pay: number
  planBonus: number
  campaignBonus: number
  bonus: number
  gifts: Gift[]
  campaignIds: string[]
  agreementVersion: string
  prepayId: string | null
  createdAt: Date
  expireAt: Date
  /**
   * What the order pays for: a recharge (absent on older orders), or the WeChat Pay part of a
   * bill (a mixed payment, `paymentId`), which settles through server/bills/settle.ts.
   */
  kind?: 'recharge' | 'bill'
  paymentId?: string
  /** a recharge with a bill attached (a recommendation accepted at checkout): paid at credit from the new balance */
  bill?: AttachedBill
  /** the attached bill's payment once credited, or null with `billFailure` when it could not be paid */
  billPaymentId?: string | null
  billFailure?: string | null
}

export interface AttachedBill {
  storeId: string
  amount: number
  requestId: string
  couponId?: string
  /** 充值免单: the bill is the store's promotion cost, held against the rule's budget and member limit */
  freeBill?: { ruleId: string; free: number }
}

export type OrderDoc =
  /** checkedAt: when `status` last asked WeChat Pay about it */
  | (OrderBase & { status: 'pending'; checkedAt?: Date })
  /** a credited order is its recharge lot's record: `lotId` in the member's lots, refundable until */
  | (OrderBase & { status: 'credited'; transactionId: string; paidAt: Date; creditedAt: Date; journalId: string; lotId: string; refundableUntil: Date } & PaymentRefunds)
  | (OrderBase & { status: 'closed'; closedAt: Date; closeReason: string })
  | (OrderBase & { status: 'review'; reviewReason: string; reviewAt: Date; transactionId: string | null })
  /** a bill's WeChat Pay part, paid and settled with the held balance part (kind 'bill' only) */
  | (OrderBase & { status: 'paid'; transactionId: string; paidAt: Date; creditedAt: Date; journalId: string })

/**
 * What our refunds did to a credited recharge's WeChat Pay payment (domain/refunds/allocate.ts
 * PaymentState): refunded = cash of its refunds succeeded or in flight, refundCount = every
 * out_refund_no sent on it, lastRefundAt = when the last one was asked for. Absent = none.
 */
export interface PaymentRefunds {
  refunded?: number
  refundCount?: number
  lastRefundAt?: Date
}

/** One member's use of one campaign (server/recharge/holds.ts): credited uses and unpaid orders holding it. */
export interface CampaignUseDoc {
  _id: string // `${openid}:${campaignId}`
  openid: string
  campaignId: string
  count: number
  /** out_trade_no → until when the hold counts (the order's expiry plus the closing grace) */
  holds?: Record<string, Date>
}

/** A signed notification that could not be processed (server/recharge/incidents.ts). */
export interface PayIncidentDoc {
  /** `notify:<event id>`: one record per event however often WeChat delivers it */
  _id: string
  /** a resource we cannot read, a paid transaction naming an order we do not have, or a refund result that does not match a refund of ours */
  kind: 'unprocessable_notification' | 'unknown_order' | 'refund_notification'
  eventId: string
  eventType: string
  outTradeNo: string | null
  /** WeChat Pay's transaction id when the resource has one as a string: what staff look up to refund */
  transactionId: string | null
  /** the order's store when the incident names a known order; null = headquarters only */
  storeId: string | null
  reason: string
  /** the decrypted resource, cut to a readable length, for whoever looks into it */
  resource: string
  createdAt: Date
}

export interface ShippingDoc {
  _id: string
  outTradeNo: string
  transactionId: string
  openid: string
  pay: number
  status: 'pending' | 'done' | 'failed'
  attempts: number
  nextAttemptAt: Date
  lastError: string | null
  doneAt: Date | null
  createdAt: Date
}

/**
 * A lot as the member document keeps it: what is left, and (from the checkout on) what it held
 * at first and how much has been spent from it, which the spend posting needs to recognise
 * revenue at the lot's ratio with cumulative rounding (domain/ledger/spend.ts). Lots credited
 * before these fields existed are read with their order (server/checkout/lots.ts).
 */
export type StoredLot = LotBalance & { pay?: number; bonus?: number; redeemed?: number }

/** A bill paid from the balance (server/checkout/pay.ts): its receipt, written with the spend. */
export interface PaymentDoc {
  _id: string // paymentId, derived from the member and the request id
  /** who paid (the caller of checkout.pay) */
  openid: string
  /** whose balance paid: the payer's own, or their family owner's (absent on payments before family sharing: the payer) */
  owner?: string
  paidBy?: 'self' | 'family'
  /** a family payment: the payer as the family names them */
  payerName?: string
  requestId: string
  storeId: string
  storeName: string
  /** awaiting_wechat_pay: a mixed payment whose WeChat Pay part is unpaid; closed: it never was, the hold went back */
  state: 'paid' | 'awaiting_wechat_pay' | 'closed'
  amount: number
  tierDiscount: number
  couponDiscount: number
  /** the coupon used (marked used in the same transaction) */
  couponId?: string | null
  /** points earned by this payment (the `pts:<paymentId>` entry) */
  pointsEarned?: number
  /** what the bill was for, when the till sent lines */
  lines?: Array<{ name: string; amount: number; virtual: boolean }>
  charged: number
  principal: number
  bonus: number
  /** the member's balance right after this payment */
  balanceAfter: { principal: number; bonus: number }
  /** the spend posting; for a mixed payment the hold posting until it is paid */
  journalId: string | null
  createdAt: Date
  /** a mixed payment's WeChat Pay part */
  wechat?: { outTradeNo: string; amount: number; prepayId: string | null; transactionId?: string }
  /** 充值免单: the store gave the bill away (charged 0); the recharge that earned it */
  free?: { ruleId: string; outTradeNo: string; amount: number }
  /** when the bill was paid in full (a mixed payment: its WeChat Pay part) */
  paidAt?: Date
  /** goods returned against it (A10, server/refund/returns.ts): each return's entries and lots, so later returns stop at what was spent */
  returns?: Array<{ id: string; amount: number; entries: Array<Pick<Entry, 'account' | 'kind' | 'amount'>>; lots: Array<{ lotId: string; principal: number; bonus: number }> }>
}

/**
 * One part of a refund as stored (domain/refunds/allocate.ts RefundPart plus its state): one
 * WeChat Pay refund (out_refund_no = `<refundId>-<outTradeNo>`) or one manual payout.
 */
export type StoredPart = RefundPart & {
  state: PartState
  /** when createRefund was last answered for it (a wechat part in processing without it is still to send) */
  sentAt: Date | null
  /** when status, the sweeper or a send last asked WeChat Pay about it */
  checkedAt: Date | null
  /** WeChat Pay's refund_id once known */
  wechatRefundId: string | null
  /** the last failure sending or querying it (retried by the status poll and the sweeper) */
  lastError: string | null
  doneAt: Date | null
  /** wechat parts: when WeChat Pay says the refund succeeded (the trade bill lists it on that day) */
  successTime?: Date
  /** manual payouts: the bank or transfer reference staff entered */
  reference?: string
}

/** A refund of a member's stored value (server/refund): its parts, and who asked and decided. */
export interface RefundDoc {
  _id: string // refundId, derived from the member and the request id (server/refund/ids.ts)
  openid: string
  requestId: string
  reason: string
  state: RefundState
  /** cash back to the member (Σ parts.amount) */
  amount: number
  bonusForfeited: number
  withinCoolingOff: boolean
  approval: 'auto' | 'staff'
  parts: StoredPart[]
  /** the stores whose recharges it refunds: staff of these stores may act on it */
  storeIds: string[]
  /** 'member', or the openid of the staff member who started it */
  startedBy: string
  decidedBy: string | null
  rejectReason: string | null
  /** indexed by the sweeper: refunds in processing, oldest check first */
  checkedAt: Date
  createdAt: Date
  updatedAt: Date
}

/** A manual payout staff must make (> 365 days, 50 refunds used, no room left on the payment). */
export interface PayoutDoc {
  _id: string // the part's out_refund_no
  refundId: string
  openid: string
  storeId: string
  outTradeNo: string
  amount: number
  reason: string
  state: 'due' | 'paid' | 'cancelled'
  reference: string | null
  paidBy: string | null
  createdAt: Date
  doneAt: Date | null
}

/** Goods returned against a balance payment (A10): the lots given back, so later returns stop at what was spent. */
export interface PaymentReturnDoc {
  _id: string // `return:` journal id without its prefix: derived from the payment and the request id
  paymentId: string
  openid: string
  storeId: string
  requestId: string
  reason: string
  amount: number
  entries: Array<Pick<Entry, 'account' | 'kind' | 'amount'>>
  lots: Array<{ lotId: string; principal: number; bonus: number }>
  by: string
  createdAt: Date
}
