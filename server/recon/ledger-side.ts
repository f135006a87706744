import type { LedgerPayment, LedgerRefund } from '../../domain/reconciliation/compare'
import { fen } from '../../domain/money'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { dayWindow } from './day'
import { refundPartsOfDay } from '../refund/recon'

const PAGE = 100

/** out_trade_no of our recharges (server/recharge/order-no.ts): the merchant's other WeChat Pay orders are not ours to judge. */
export const OUR_ORDER_NO = /^R\d{8}[0-9A-Z]{12}$/
export const isOurOrderNo = (outTradeNo: string) => OUR_ORDER_NO.test(outTradeNo)

export interface CreditedRecharge extends LedgerPayment {
  storeId: string
}

/**
 * Our recharges credited for WeChat Pay payments that succeeded on `day` (Shanghai): the trade
 * bill dates a payment by its success time, and a credited order's paidAt is that time
 * (settle.ts takes it from the transaction's success_time). Pages of 100 on the status_paid index.
 */
export async function creditedRechargesOfDay(day: string): Promise<CreditedRecharge[]> {
  const db = database()
  const _ = db.command
  const { start, end } = dayWindow(day)
  const out: CreditedRecharge[] = []
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await db
      .collection(C.orders)
      // a bill's WeChat Pay part (a mixed payment, server/bills) is a paid order of ours too: `paid`
      .where({ status: _.in(['credited', 'paid']), paidAt: _.gte(start).and(_.lt(end)) })
      .orderBy('paidAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(PAGE)
      .field({ _id: true, transactionId: true, pay: true, storeId: true })
      .get()
    for (const o of data as Array<{ _id: string; transactionId: string; pay: number; storeId: string }>) {
      out.push({ outTradeNo: o._id, transactionId: o.transactionId ?? null, amount: fen(o.pay), storeId: o.storeId })
    }
    if (data.length < PAGE) return out
  }
}

/**
 * Our refunds through WeChat Pay on `day` (Shanghai), from the refund engine
 * (server/refund/recon.ts): parts that succeeded that day are posted, parts still processing are
 * in flight.
 */
export async function refundsOfDay(day: string): Promise<LedgerRefund[]> {
  const { start, end } = dayWindow(day)
  return refundPartsOfDay(start, end)
}
