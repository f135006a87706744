import type { RefundView } from '../../contracts/refund'
import { fen } from '../../domain/money'
import { REFUND_GUIDANCE } from '../../domain/refunds'
import type { RefundDoc } from '../collections'

/** What the member sees of a refund: cash, state, parts and what happens next. Never the openid. */
export function refundView(r: RefundDoc): RefundView {
  return {
    refundId: r._id,
    amount: fen(r.amount),
    state: r.state,
    parts: r.parts.map((p) => ({ outTradeNo: p.outTradeNo, amount: p.amount, kind: p.kind, state: p.state })),
    guidance: r.state === 'rejected' && r.rejectReason ? `${REFUND_GUIDANCE.rejected.member}门店说明：${r.rejectReason}` : REFUND_GUIDANCE[r.state].member,
    createdAt: new Date(r.createdAt).toISOString()
  }
}
