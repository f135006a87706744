import { fen } from '../../domain/money'
import type { PaymentState, RefundableLot } from '../../domain/refunds'
import { COLLECTIONS as C } from '../db/indexes'
import { oneByOne, type TxLike } from '../db/tx'
import type { MemberDoc, OrderDoc } from '../collections'
import { withLotFacts } from '../checkout/lots'

type Credited = Extract<OrderDoc, { status: 'credited' }>

/**
 * The member's lots with something left, as the refund rule sees them (domain/refunds/rule.ts),
 * and the WeChat Pay payment behind each (allocate.ts): read with each lot's credited order,
 * inside the caller's transaction, one read after another. `t` may be the database itself for
 * a read-only quote (its doc().get() is the same call).
 */
export async function refundableLots(t: TxLike, member: MemberDoc | null): Promise<{ lots: RefundableLot[]; payments: PaymentState[] }> {
  const full = await withLotFacts(t, (member?.lots ?? []).filter((l) => l.principalLeft + l.bonusLeft > 0 && l.id.startsWith('lot:')))
  const orders = await oneByOne(full, (l) => t.collection(C.orders).doc<OrderDoc>(l.id.slice('lot:'.length)).get().then((r) => r.data))
  const lots: RefundableLot[] = []
  const payments: PaymentState[] = []
  full.forEach((l, i) => {
    const o = orders[i]
    if (!o || o.status !== 'credited') throw new Error(`lot ${l.id} has no credited order`)
    lots.push({ id: l.id, principalLeft: l.principalLeft, bonusLeft: l.bonusLeft, paidAt: l.paidAt, outTradeNo: o._id, storeId: o.storeId, principal: fen(l.pay), bonus: fen(l.bonus) })
    payments.push(paymentState(o))
  })
  return { lots, payments }
}

export function paymentState(o: Credited): PaymentState {
  return {
    outTradeNo: o._id,
    transactionId: o.transactionId,
    paidAt: new Date(o.paidAt).toISOString(),
    total: fen(o.pay),
    refunded: fen(o.refunded ?? 0),
    refundCount: o.refundCount ?? 0,
    ...(o.lastRefundAt ? { lastRefundAt: new Date(o.lastRefundAt).toISOString() } : {})
  }
}
