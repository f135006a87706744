/**
 * A refund's life, part by part (issue 11 states). A part is one WeChat Pay refund or one manual
 * payout; the refund's state follows from its parts. Each outcome moves a part once: an outcome
 * for a part that already ended changes nothing and posts nothing, which is what makes a
 * notification delivered twice, a status poll and the sweeper safe together.
 */
export type PartState =
  | 'awaiting_approval'
  | 'processing' // sent to WeChat Pay, or a manual payout staff have to make
  | 'succeeded'
  | 'abnormal' // WeChat Pay could not pay the card (REFUND.ABNORMAL)
  | 'closed' // WeChat Pay closed the refund (REFUND.CLOSED)
  | 'rejected' // staff said no

export type PartEvent = 'approve' | 'reject' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED' | 'PROCESSING' | 'manual_paid'

/** What the ledger does on a move: settle pays the held value out, release gives it back (ledger/refund.ts). */
export type PartEffect = 'send' | 'settle' | 'release' | null

const FINAL: ReadonlySet<PartState> = new Set(['succeeded', 'abnormal', 'closed', 'rejected'])
export const isFinal = (s: PartState) => FINAL.has(s)

export function movePart(state: PartState, event: PartEvent): { state: PartState; effect: PartEffect } {
  if (isFinal(state)) return { state, effect: null }
  if (state === 'awaiting_approval') {
    if (event === 'approve') return { state: 'processing', effect: 'send' }
    if (event === 'reject') return { state: 'rejected', effect: 'release' }
    return { state, effect: null } // WeChat Pay knows nothing of an unsent part
  }
  switch (event) {
    case 'SUCCESS':
    case 'manual_paid':
      return { state: 'succeeded', effect: 'settle' }
    case 'ABNORMAL':
      return { state: 'abnormal', effect: 'release' }
    case 'CLOSED':
      return { state: 'closed', effect: 'release' }
    default:
      return { state, effect: null }
  }
}

export type RefundState = 'pending_approval' | 'processing' | 'succeeded' | 'abnormal' | 'rejected' | 'closed'

/**
 * The refund's state from its parts: waiting while any part waits; done when all are; then
 * succeeded if any money went out (parts that failed were given back to the balance), abnormal if
 * a part was abnormal and none paid, rejected or closed otherwise.
 */
export function refundState(parts: readonly PartState[]): RefundState {
  if (parts.length === 0) throw new RangeError('a refund has at least one part')
  if (parts.includes('awaiting_approval')) return 'pending_approval'
  if (parts.includes('processing')) return 'processing'
  if (parts.includes('succeeded')) return 'succeeded'
  if (parts.includes('abnormal')) return 'abnormal'
  if (parts.includes('rejected')) return 'rejected'
  return 'closed'
}

/** What happens next, for the member and for staff (E9, B8 refund SLA). Chinese, as shown. */
export const REFUND_GUIDANCE: Record<RefundState, { member: string; staff: string }> = {
  pending_approval: { member: '退款申请已提交，门店将在审核后原路退回。', staff: '请在退款时限内审核：同意后原路退回，拒绝需填写原因。' },
  processing: { member: '退款处理中，款项将原路退回微信支付账户，一般 1–3 个工作日到账。', staff: '已提交微信支付，等待结果；超过一年的支付需线下转账到本人同名账户并登记凭证。' },
  succeeded: { member: '退款已完成，请在微信支付账单中查看到账记录；未能退款的部分已退回余额。', staff: '退款成功，已记账。' },
  abnormal: { member: '退款未能退回原账户（银行卡可能已注销），金额已退回余额，门店会联系您改用本人同名账户退款。', staff: '微信支付退款异常：金额已退回会员余额，请核实本人同名账户后重新发起或线下转账并登记。' },
  rejected: { member: '退款申请未通过，金额已退回余额，原因见门店说明。', staff: '已拒绝，金额已退回会员余额。' },
  closed: { member: '退款已关闭，金额已退回余额，可重新申请。', staff: '微信支付已关闭该退款，金额已退回会员余额。' }
}
