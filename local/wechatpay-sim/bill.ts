/**
 * The trade bill (交易账单, bill_type ALL) for one Beijing-time day, built from the simulator's
 * own books with the same writer the domain parser is tested against
 * (domain/reconciliation/fixtures.ts), so the simulator and the parser cannot drift apart.
 * Payments are listed on the day they succeeded, refunds on the day they were applied for,
 * with the status they have now. [unverified] which day WeChat lists a refund on (applied or
 * succeeded); the two agree for refunds settled the same day.
 */
import { createHash } from 'crypto'
import { tradeBillText, type FixtureRow } from '../../domain/reconciliation/fixtures'
import type { SimOrder, SimRefund } from './ledger'

/** 12345 fen → '123.45', exactly (no float) */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const a = Math.abs(fen)
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** RFC 3339 in +08:00 (as the ledger writes it) → the bill's 'YYYY-MM-DD HH:mm:ss' */
const billTime = (rfc3339: string) => rfc3339.slice(0, 19).replace('T', ' ')

export function tradeBillRows(day: string, orders: Iterable<SimOrder>, refunds: Iterable<SimRefund>): FixtureRow[] {
  const byNo = new Map<string, SimOrder>()
  const rows: FixtureRow[] = []
  const common = (o: SimOrder) => ({
    transactionId: o.transactionId as string,
    outTradeNo: o.outTradeNo,
    total: fenToYuan(o.total),
    appid: o.appid,
    mchid: o.mchid,
    openid: o.openid,
    goods: o.description,
    attach: o.attach ?? ''
  })
  for (const o of orders) {
    byNo.set(o.outTradeNo, o)
    if (o.successTime?.startsWith(day)) rows.push({ ...common(o), time: billTime(o.successTime), state: 'SUCCESS' })
  }
  for (const r of refunds) {
    const o = byNo.get(r.outTradeNo)
    if (!o || !r.createTime.startsWith(day)) continue
    rows.push({
      ...common(o),
      time: billTime(r.createTime),
      state: 'REFUND',
      refundId: r.refundId,
      outRefundNo: r.outRefundNo,
      refund: fenToYuan(r.refund),
      refundStatus: r.status
    })
  }
  // stable: by time, payments before refunds at the same second
  return rows.sort((a, b) => (a.time as string).localeCompare(b.time as string) || (a.state === b.state ? 0 : a.state === 'SUCCESS' ? -1 : 1))
}

/** The file and the SHA1 the tradebill API announces for it (hex, over the exact bytes). */
export function tradeBillFile(rows: FixtureRow[]): { text: string; sha1: string } {
  const text = tradeBillText(rows)
  return { text, sha1: createHash('sha1').update(text, 'utf8').digest('hex') }
}
