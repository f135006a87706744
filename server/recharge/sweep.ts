import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import { transact, type TxLike } from '../db/tx'
import type { OrderDoc } from '../collections'
import { pay } from '../pay'
import { reconcileWithWeChat } from './status'

/** Orders are closed a little after their expiry, so a payment made at the last second still lands. */
const GRACE_MS = 2 * 60_000

/**
 * Closes pending orders past their expiry. Before closing it asks WeChat: a paid order whose
 * notification never came is credited instead. Returns what happened, for logs and tests.
 */
export async function closeExpiredOrders(limit = 50): Promise<{ closed: number; credited: number }> {
  const db = database()
  const _ = db.command
  const { data } = await db
    .collection(C.orders)
    .where({ status: 'pending', expireAt: _.lt(new Date(now().getTime() - GRACE_MS)) })
    .orderBy('expireAt', 'asc')
    .limit(limit)
    .get()
  let closed = 0
  let credited = 0
  const { client } = pay()
  for (const order of data as OrderDoc[]) {
    try {
      const after = await reconcileWithWeChat(order)
      if (after.status === 'credited') {
        credited++
        continue
      }
      if (after.status !== 'pending') continue
      if ((await client.closeOrder(order._id)) === 'paid') {
        if ((await reconcileWithWeChat(order)).status === 'credited') credited++
        continue
      }
      const at = now()
      await transact(db, async (t: TxLike) => {
        const ref = t.collection(C.orders).doc<OrderDoc>(order._id)
        const { data: fresh } = await ref.get()
        // only a still-pending order closes; a credit that won the race stays credited
        if (fresh?.status === 'pending') await ref.update({ data: { status: 'closed', closedAt: at, closeReason: 'expired unpaid' } })
      })
      closed++
    } catch (err) {
      console.error('[chuzhi] closing expired order failed; next run retries', order._id, err)
    }
  }
  return { closed, credited }
}
