import type { Attention } from '../contracts/api'
import { fen } from '../domain/money'
import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import type { OrderDoc, PayIncidentDoc, PayoutDoc, RefundDoc, ShippingDoc } from './collections'
import { scopeOf, worksAt, type StaffDoc } from './staff'
import { flaggedDifferences } from './recon/report'

/**
 * What staff must look at: shipping uploads WeChat keeps refusing (the merchant's settlement is
 * withheld until they land), paid orders flagged for review (nothing was credited), and signed
 * notifications we could not process: unreadable, or paying an order we do not have
 * (server/recharge/incidents.ts), and differences with WeChat Pay's trade bill that
 * reconciliation could not repair (server/recon). HQ sees every store; a cashier
 * sees their stores (an incident that names no order of ours is HQ's). Refunds waiting for
 * approval and manual payouts due (issue 11) are listed for the stores they pay back from.
 */
export async function attention(staff: StaffDoc): Promise<Attention> {
  const db = database()
  const _ = db.command
  const [failed, retrying, review, incidents, recon, pending, due] = await Promise.all([
    db.collection(C.shipping).where({ status: 'failed' }).orderBy('createdAt', 'desc').limit(50).get(),
    db.collection(C.shipping).where({ status: 'pending', attempts: _.gt(0) }).orderBy('createdAt', 'desc').limit(50).get(),
    db.collection(C.orders).where({ status: 'review' }).orderBy('createdAt', 'desc').limit(50).get(),
    db.collection(C.payIncidents).orderBy('createdAt', 'desc').limit(50).get(),
    flaggedDifferences(staff),
    db.collection(C.refunds).where({ state: 'pending_approval' }).orderBy('checkedAt', 'asc').limit(50).get(),
    db.collection(C.payouts).where({ state: 'due' }).orderBy('createdAt', 'asc').limit(50).get()
  ])
  const mine = (storeId: string) => worksAt(staff, storeId)
  const reviewOrders = (review.data as Array<Extract<OrderDoc, { status: 'review' }>>).filter((o) => mine(o.storeId))
  const shipping = [...failed.data, ...retrying.data] as ShippingDoc[]
  // shipping tasks carry no store: resolve through their orders, one read each (lists are short)
  const orders = await Promise.all(shipping.map((t) => db.collection(C.orders).doc(t.outTradeNo).get()))
  return {
    shipping: shipping
      .filter((_t, i) => orders[i].data && mine((orders[i].data as OrderDoc).storeId))
      .map((t) => ({
        id: t._id,
        outTradeNo: t.outTradeNo,
        status: t.status === 'failed' ? 'failed' : 'pending',
        attempts: t.attempts,
        lastError: t.lastError,
        nextAttemptAt: new Date(t.nextAttemptAt).toISOString()
      })),
    review: reviewOrders.map((o) => ({
      outTradeNo: o._id,
      pay: fen(o.pay),
      reason: o.reviewReason,
      transactionId: o.transactionId,
      at: new Date(o.reviewAt).toISOString()
    })),
    incidents: (incidents.data as PayIncidentDoc[])
      .filter((i) => (i.storeId === null ? scopeOf(staff) === 'all' : mine(i.storeId)))
      .map((i) => ({
        id: i._id,
        kind: i.kind,
        eventId: i.eventId,
        eventType: i.eventType,
        outTradeNo: i.outTradeNo,
        transactionId: i.transactionId ?? null,
        reason: i.reason,
        at: new Date(i.createdAt).toISOString()
      })),
    recon,
    refunds: (pending.data as RefundDoc[])
      .filter((r) => r.storeIds.some(mine))
      .map((r) => ({ refundId: r._id, openid: r.openid, amount: fen(r.amount), reason: r.reason, storeIds: r.storeIds, createdAt: new Date(r.createdAt).toISOString() })),
    payouts: (due.data as PayoutDoc[])
      .filter((p) => mine(p.storeId))
      .map((p) => ({ outRefundNo: p._id, refundId: p.refundId, openid: p.openid, storeId: p.storeId, amount: fen(p.amount), reason: p.reason, createdAt: new Date(p.createdAt).toISOString() }))
  }
}
