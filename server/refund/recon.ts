import type { LedgerRefund } from '../../domain/reconciliation/compare'
import { fen } from '../../domain/money'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import type { RefundDoc } from '../collections'

const PAGE = 100

/**
 * Our side of a day's trade bill for refunds (domain/reconciliation/compare.ts): WeChat Pay parts
 * that succeeded in [start, end) by WeChat's success time (`posted`), and every WeChat part still
 * processing (`in_flight`: a success in the bill we have not heard of is then ours, and the
 * status poll or the sweeper posts it). Manual payouts are not in WeChat Pay's bill. A part that
 * succeeded in the window belongs to a refund updated at or after `start` (we learn of a success
 * after it happens), so the scan is over refunds touched since then, plus those processing.
 */
export async function refundPartsOfDay(start: Date, end: Date): Promise<LedgerRefund[]> {
  const db = database()
  const _ = db.command
  const seen = new Map<string, LedgerRefund>()
  for (const where of [{ updatedAt: _.gte(start) }, { state: 'processing' }]) {
    for (let skip = 0; ; skip += PAGE) {
      const { data } = await db.collection(C.refunds).where(where).orderBy('_id', 'asc').skip(skip).limit(PAGE).field({ parts: true }).get()
      for (const r of data as Array<Pick<RefundDoc, 'parts'>>) {
        for (const p of r.parts) {
          if (p.kind !== 'wechat') continue
          const success = p.state === 'succeeded' && p.successTime ? new Date(p.successTime).getTime() : null
          if (success !== null && success >= start.getTime() && success < end.getTime()) {
            seen.set(p.outRefundNo, { outRefundNo: p.outRefundNo, outTradeNo: p.outTradeNo, amount: fen(p.amount), state: 'posted' })
          } else if (p.state === 'processing' && p.sentAt) {
            seen.set(p.outRefundNo, { outRefundNo: p.outRefundNo, outTradeNo: p.outTradeNo, amount: fen(p.amount), state: 'in_flight' })
          }
        }
      }
      if (data.length < PAGE) break
    }
  }
  return [...seen.values()]
}
