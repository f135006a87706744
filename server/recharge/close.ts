import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import { transact, type TxLike } from '../db/tx'
import type { OrderDoc } from '../collections'
import { pay } from '../pay'
import { reconcileWithWeChat } from './status'
import { releaseHolds } from './holds'
import { releaseBillHolds } from '../bills/release'

/**
 * Ends one unpaid order: asks WeChat first (a paid order whose notification never came is
 * credited instead), then closes it at WeChat Pay and here, giving back its campaign holds.
 * Returns the order's state afterwards.
 */
export async function closeUnpaid(order: OrderDoc, reason: string): Promise<OrderDoc['status']> {
  const after = await reconcileWithWeChat(order)
  if (after.status !== 'pending') return after.status
  const { client } = pay()
  if ((await client.closeOrder(order._id)) === 'paid') return (await reconcileWithWeChat(order)).status
  const db = database()
  const at = now()
  return transact(db, async (t: TxLike) => {
    const ref = t.collection(C.orders).doc<OrderDoc>(order._id)
    const { data: fresh } = await ref.get()
    // only a still-pending order closes; a credit that won the race stays credited
    if (fresh?.status !== 'pending') return fresh?.status ?? 'closed'
    await ref.update({ data: { status: 'closed', closedAt: at, closeReason: reason } })
    await releaseHolds(t, db.command, fresh)
    await releaseBillHolds(t, fresh, at) // a bill's held balance, a free bill's budget
    return 'closed'
  })
}
