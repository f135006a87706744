import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import type { OrderDoc } from '../collections'
import { CLOSE_GRACE_MS } from './holds'
import { closeUnpaid } from './close'


/**
 * Closes pending orders past their expiry (and grace), oldest first, at most `limit` of them,
 * only those expiring after `after` (cron's cursor, so a run moves past orders that keep
 * failing) and while `keepGoing()` allows (cron's time budget). `last` is the cursor for the
 * next batch; `scanned` how many orders this batch read.
 */
export async function closeExpiredOrders(
  limit = 50,
  after?: Date,
  keepGoing: () => boolean = () => true
): Promise<{ closed: number; credited: number; scanned: number; last?: Date }> {
  const db = database()
  const _ = db.command
  const cutoff = new Date(now().getTime() - CLOSE_GRACE_MS)
  const { data } = await db
    .collection(C.orders)
    .where({ status: 'pending', expireAt: after ? _.gt(after).and(_.lt(cutoff)) : _.lt(cutoff) })
    .orderBy('expireAt', 'asc')
    .limit(limit)
    .get()
  let closed = 0
  let credited = 0
  let scanned = 0
  let last: Date | undefined
  for (const order of data as OrderDoc[]) {
    if (!keepGoing()) break
    scanned++
    last = new Date(order.expireAt)
    try {
      const state = await closeUnpaid(order, 'expired unpaid')
      if (state === 'closed') closed++
      if (state === 'credited') credited++
    } catch (err) {
      console.error('[chuzhi] closing expired order failed; next run retries', order._id, err)
    }
  }
  return { closed, credited, scanned, last }
}
