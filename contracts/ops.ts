import { z } from 'zod'
import { defineContract } from './define'
import type { Attention, HistoryKind } from './api'
import type { FundStatementResult, LiabilityView, ReconReportView } from './funds'
import { money, type Fen } from './money'
import { refundId, refundRequestId, type RefundState, type RefundView, type RefundPartView } from './refund'

const openid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
const reason = z.string().trim().min(1).max(80)

/** A shipping task's id: `ship:<out_trade_no>`. */
export const shippingId = z.string().regex(/^ship:[0-9A-Za-z_\-|*]{6,32}$/)

/** A Shanghai calendar date, 'YYYY-MM-DD' (the server checks it exists). */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日，请重新选择日期')
const storeId = z.string().min(1).max(64)

/**
 * A store id as a mini-program code's scene: WeChat takes at most 32 visible characters of this
 * set (wxacode.getUnlimited), and the store code carries the store id as its scene.
 */
export const storeScene = z.string().regex(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/)

/** What staff type to find a member: an 11-digit mainland mobile number or the 8-digit member code. */
export const memberQuery = z
  .string()
  .trim()
  .regex(/^(1\d{10}|\d{8})$/, '请输入11位手机号或8位会员码')

/** A member's openid as staff pass it back (from memberFind): WeChat openids are 28 characters. */
export const memberOpenid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '会员编号格式不正确，请重新查询会员')

/** Cloud function `ops`: the staff desk (staff only, each for their own stores). */
export const opsEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('attention') }),
  z.strictObject({ action: z.literal('retryShipping'), id: shippingId }),
  // the fund account and reconciliation with WeChat Pay (issue 11; server/recon)
  z.strictObject({ action: z.literal('fundStatement'), storeId: storeId.optional(), from: localDate, to: localDate }),
  z.strictObject({ action: z.literal('liabilityReport') }),
  z.strictObject({ action: z.literal('reconRun'), date: localDate }),
  z.strictObject({ action: z.literal('reconReport'), date: localDate }),
  z.strictObject({ action: z.literal('stores') }),
  z.strictObject({ action: z.literal('storeCode'), storeId: storeScene }),
  // issue 11, refunds (server/refund/staff.ts)
  z.strictObject({ action: z.literal('refundStart'), openid, requestId: refundRequestId, reason }),
  z.strictObject({ action: z.literal('refundApprove'), refundId }),
  z.strictObject({ action: z.literal('refundReject'), refundId, reason }),
  z.strictObject({ action: z.literal('payoutComplete'), refundId, outRefundNo: z.string().regex(/^[0-9A-Za-z_\-|*@]{1,64}$/), reference: z.string().trim().min(1).max(64) }),
  /** A10: goods returned against a balance payment; `amount` (fen) defaults to all that is left of it */
  z.strictObject({ action: z.literal('paymentReturn'), paymentId: z.string().min(1).max(100), requestId: refundRequestId, reason, amount: money.optional() }),
  /** 储值查询-交易查询: find a member by phone or member code */
  z.strictObject({ action: z.literal('memberFind'), query: memberQuery }),
  /** one member's balance, lots, history, refunds and balance payments, as far as the staff member's stores go */
  z.strictObject({ action: z.literal('memberDetail'), openid: memberOpenid })
])

/** A refund as staff see it: the member's view plus ids to look up at WeChat Pay and what to do next. */
export interface StaffRefundView extends Omit<RefundView, 'parts'> {
  openid: string
  /** why the member or staff asked for it */
  reason: string
  bonusForfeited: Fen
  withinCoolingOff: boolean
  approval: 'auto' | 'staff'
  storeIds: string[]
  staffGuidance: string
  rejectReason: string | null
  parts: Array<RefundPartView & { outRefundNo: string; wechatRefundId: string | null; manualReason: string | null; reference: string | null; lastError: string | null }>
}

/** A balance payment's return (A10): what went back, principal and bonus, and what is left to return. */
export interface PaymentReturnView {
  returnId: string
  paymentId: string
  amount: Fen
  principal: Fen
  bonus: Fen
  /** what of the payment may still be returned */
  left: Fen
}

/** A store's checkout code (收款码 for 扫码买单): a mini-program code opening checkout at that store. */
export interface StoreCode {
  /** the code image's cloud fileID (the mini-program's <Image> and downloadFile take it) */
  image: string
  /** a temporary https URL of the same image (H5, printing); valid for a day */
  url: string
  /** where the image is stored: codes/store-<id>.png */
  path: string
  /** the page the code opens, and the scene it passes (the store id) */
  page: string
  scene: string
  storeName: string
}

/** A member as the staff desk shows them: the phone is masked (138****0001), the balance chain-wide. */
export interface StaffMemberCard {
  openid: string
  memberCode: string | null
  phone: string | null
  memberSince: string | null
  principal: Fen
  bonus: Fen
  total: Fen
}

/** One recharge lot (one paid recharge order): what is left of it and until when it can be refunded. */
export interface StaffLot {
  id: string
  outTradeNo: string
  storeId: string
  storeName: string | null
  pay: Fen
  bonus: Fen
  principalLeft: Fen
  bonusLeft: Fen
  paidAt: string
  /** WeChat Pay's transaction id of the recharge */
  transactionId: string | null
  /** after this instant WeChat Pay refunds no more: the rest is paid back by hand (A11) */
  refundableUntil: string | null
  /** the end of the cooling-off window (B8): until then the unspent principal comes back in full */
  coolingOffUntil: string
  inCoolingOff: boolean
}

/** A journal entry of the member's; `refs` keeps every id the posting names (out_trade_no, transaction_id, refund ids…). */
export interface StaffHistoryItem {
  id: string
  kind: HistoryKind | string
  title: string
  amount: Fen
  principal: Fen
  bonus: Fen
  storeId: string | null
  storeName: string | null
  at: string
  refs: Record<string, string>
}

/** the refund function's states (contracts/refund.ts), one list */
export type StaffRefundState = RefundState

/** A bill paid from the balance (checkout). */
export interface StaffPayment {
  paymentId: string
  storeId: string
  storeName: string
  amount: Fen
  charged: Fen
  principal: Fen
  bonus: Fen
  at: string
}

export interface StaffMemberDetail {
  member: StaffMemberCard
  /** value held for refunds in flight: not spendable, not refundable twice */
  held: Fen
  lots: StaffLot[]
  /** lots sold by stores outside the staff member's scope: counted, not shown */
  otherStoresLots: number
  history: StaffHistoryItem[]
  /** the refunds as the refund actions answer them (server/refund/staff.ts staffRefundView) */
  refunds: StaffRefundView[]
  payments: StaffPayment[]
  /** whose records are shown: every store, or these */
  scope: 'all' | string[]
}

export interface OpsResults {
  attention: Attention
  retryShipping: { status: 'pending' | 'done' | 'failed' }
  fundStatement: FundStatementResult
  liabilityReport: LiabilityView
  reconRun: ReconReportView
  reconReport: ReconReportView
  /** the stores this staff member works at (HQ: all), for pickers */
  stores: { stores: Array<{ id: string; name: string }> }
  storeCode: StoreCode
  refundStart: StaffRefundView
  refundApprove: StaffRefundView
  refundReject: StaffRefundView
  payoutComplete: StaffRefundView
  paymentReturn: PaymentReturnView
  memberFind: { member: StaffMemberCard }
  memberDetail: StaffMemberDetail
}

export const opsContract = defineContract<OpsResults>()('ops', opsEvent)
export type OpsEvent = z.input<typeof opsEvent>
/** Every ops action: the permission table (server/permissions.ts) must name each one. */
export type OpsAction = OpsEvent['action']
