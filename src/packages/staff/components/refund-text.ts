import type { StaffRefundState } from '../../../../contracts/ops'

/** A refund's state as staff read it. */
export const REFUND_STATE: Record<StaffRefundState, string> = {
  pending_approval: '待审批',
  processing: '退款中',
  succeeded: '已退款',
  abnormal: '退款异常',
  rejected: '已拒绝',
  closed: '已关闭'
}

/** The ids a posting or refund carries, with the names staff look them up by in the merchant platform. */
export const REF_LABELS: ReadonlyArray<[key: string, label: string]> = [
  ['outTradeNo', '订单号'],
  ['transactionId', '微信支付单号'],
  ['paymentId', '付款编号'],
  ['refundId', '退款编号'],
  ['outRefundNo', '退款单号'],
  ['wechatRefundId', '微信退款单号']
]

/** Why a part is paid back by hand (server ManualReason), and what staff do: a transfer to the member's own account. */
export const MANUAL_REASON: Record<string, string> = {
  older_than_365_days: '充值已超过一年，微信支付无法原路退回',
  refund_count_exhausted: '该笔支付的退款次数已用完',
  payment_refunded: '该笔支付已没有可原路退回的金额'
}
