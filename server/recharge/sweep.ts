import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import type { OrderDoc } from '../collections'
import { CLOSE_GRACE_MS } from './holds'
import { closeUnpaid } from './close'


/** Closes pending orders past their expiry (and grace). Returns what happened, for logs and tests. */
export async function closeExpiredOrders(limit = 50): Promise<{ closed: number; credited: number }> {
  const db = database()
  const _ = db.command
  const { data } = await db
    .collection(C.orders)
    .where({ status: 'pending', expireAt: _.lt(new Date(now().getTime() - CLOSE_GRACE_MS)) })
    .orderBy('expireAt', 'asc')
    .limit(limit)
    .get()
  let closed = 0
  let credited = 0
  for (const order of data as OrderDoc[]) {
    try {
      const state = await closeUnpaid(order, 'expired unpaid')
      if (state === 'closed') closed++
      if (state === 'credited') credited++
    } catch (err) {
      console.error('[chuzhi] closing expired order failed; next run retries', order._id, err)
    }
  }
  return { closed, credited }
}
