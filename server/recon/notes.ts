import type { Difference } from '../../domain/reconciliation/compare'
import { formatYuan, fen } from '../../domain/money'

/**
 * What each difference means for staff, in Chinese, and what to do (the staff desk shows `note`
 * as is). Developers' detail (English) stays in the stored `detail`.
 */
export function flaggedNote(d: Difference): string {
  switch (d.kind) {
    case 'paid_not_credited':
      return `微信支付账单显示已收款 ${formatYuan(fen(d.amount))}，但未能入账。请在微信支付商户平台核对这笔交易，必要时退款。`
    case 'credited_not_paid':
      return `系统已入账 ${formatYuan(fen(d.amount))}，但微信支付当日账单中没有这笔收款。请在商户平台查询该订单，确认是否真的收到款项。`
    case 'payment_amount_differs':
      return `金额不一致：微信支付账单 ${formatYuan(fen(d.bill))}，系统入账 ${formatYuan(fen(d.ledger))}。请核对后联系技术支持处理。`
    case 'transaction_id_differs':
      return `微信支付单号不一致：账单为 ${d.bill}，系统记录为 ${d.ledger}。请在商户平台核对这笔交易。`
    case 'refunded_not_posted':
      return `微信支付账单显示已退款 ${formatYuan(fen(d.amount))}，但系统中没有记账，会员余额未变动。请核对这笔退款并手工处理。`
    case 'posted_not_refunded':
      return `系统已记一笔退款 ${formatYuan(fen(d.amount))}，但微信支付当日账单中没有这笔退款。请在商户平台查询退款状态。`
    case 'refund_amount_differs':
      return `退款金额不一致：微信支付账单 ${formatYuan(fen(d.bill))}，系统记账 ${formatYuan(fen(d.ledger))}。请核对后联系技术支持处理。`
    case 'duplicate_in_bill':
      return '微信支付账单中同一单号出现了两次。请在商户平台核对账单。'
  }
}

export const NOTES = {
  repaired: '微信支付已收款但系统没有收到支付通知，对账时已按同一入账流程补入账。',
  creditedMeanwhile: '对账时这笔订单已由支付通知入账，无需处理。',
  unknownOrder: (amount: number) => `微信支付账单显示已收款 ${formatYuan(fen(amount))}，但系统中没有这个订单，未入账。请在商户平台找到这笔交易并退款。`,
  notPaidAtQuery: '账单显示已收款，但查询订单时微信支付未确认支付成功，未入账。请在商户平台核对这笔交易。',
  review: '到账前核对未通过（金额、商户、付款人不符，或超出余额上限），未入账。请在商户平台核对这笔交易，必要时退款。',
  refundRepaired: '微信支付已退款成功但系统没有收到退款通知，对账时已查询退款并按同一流程记账。',
  refundNotConfirmed: '账单显示已退款，但查询退款时微信支付未确认成功，暂未记账。请在商户平台核对这笔退款。',
  billIncomplete: '微信支付账单的汇总与明细对不上（可能下载不完整），本日未自动处理任何差异。请稍后重新对账，或在商户平台下载账单核对。'
} as const
