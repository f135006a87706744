import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import type { RefundDoc } from '../collections'
import { catchUp, QUERY_AFTER_MS } from './send'

/**
 * Recovers refunds whose notification was lost (cron): refunds in processing not checked for
 * QUERY_AFTER_MS, least recently checked first, at most `limit`, only those checked after
 * `after` (the run's cursor, so a refund whose query keeps failing is passed) and while
 * `keepGoing()` allows. Each is brought up to date by the same catchUp the status poll uses
 * (parts due are sent, stale parts are queried and their outcome applied once), then marked
 * checked so the next batch moves on.
 */
export async function sweepRefunds(
  limit = 10,
  after?: Date,
  keepGoing: () => boolean = () => true
): Promise<{ asked: number; scanned: number; last?: Date }> {
  const db = database()
  const _ = db.command
  const cutoff = new Date(now().getTime() - QUERY_AFTER_MS)
  const { data } = await db
    .collection(C.refunds)
    .where({ state: 'processing', checkedAt: after ? _.gt(after).and(_.lte(cutoff)) : _.lte(cutoff) })
    .orderBy('checkedAt', 'asc')
    .limit(limit)
    .get()
  let asked = 0
  let scanned = 0
  let last: Date | undefined
  for (const refund of data as RefundDoc[]) {
    if (!keepGoing()) break
    scanned++
    last = new Date(refund.checkedAt)
    try {
      asked += await catchUp(refund)
      await db.collection(C.refunds).doc(refund._id).update({ data: { checkedAt: now() } })
    } catch (err) {
      console.error('[chuzhi] catching up a refund failed; the next run retries', refund._id, err)
    }
  }
  return { asked, scanned, last }
}
