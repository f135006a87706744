import { fen } from '../money'
import { compareBill, type LedgerPayment, type LedgerRefund } from './compare'
import { tradeBillText } from './fixtures'
import { parseTradeBill } from './tradebill'

const rows = parseTradeBill(
  tradeBillText([
    { transactionId: 'T1', outTradeNo: 'R1', state: 'SUCCESS', total: '300.00' },
    { transactionId: 'T2', outTradeNo: 'R2', state: 'SUCCESS', total: '100.00' },
    { transactionId: 'T3', outTradeNo: 'R3', state: 'SUCCESS', total: '50.00' },
    { transactionId: 'T9', outTradeNo: 'SHOP9', state: 'SUCCESS', total: '9.00' },
    { transactionId: 'T1', outTradeNo: 'R1', state: 'REFUND', total: '300.00', refundId: 'W1', outRefundNo: 'RF1-R1', refund: '214.29', refundStatus: 'SUCCESS' },
    { transactionId: 'T2', outTradeNo: 'R2', state: 'REFUND', total: '100.00', refundId: 'W2', outRefundNo: 'RF2-R2', refund: '10.00', refundStatus: 'SUCCESS' },
    { transactionId: 'T3', outTradeNo: 'R3', state: 'REFUND', total: '50.00', refundId: 'W3', outRefundNo: 'RF3-R3', refund: '5.00', refundStatus: 'PROCESSING' }
  ])
).rows
const isOurs = (no: string) => no.startsWith('R')

describe('compareBill', () => {
  it('finds nothing when the ledger matches the bill', () => {
    const payments: LedgerPayment[] = [
      { outTradeNo: 'R1', transactionId: 'T1', amount: fen(30_000) },
      { outTradeNo: 'R2', transactionId: 'T2', amount: fen(10_000) },
      { outTradeNo: 'R3', transactionId: 'T3', amount: fen(5_000) }
    ]
    const refunds: LedgerRefund[] = [
      { outRefundNo: 'RF1-R1', outTradeNo: 'R1', amount: fen(21_429), state: 'posted' },
      { outRefundNo: 'RF2-R2', outTradeNo: 'R2', amount: fen(1_000), state: 'posted' },
      { outRefundNo: 'RF3-R3', outTradeNo: 'R3', amount: fen(500), state: 'in_flight' }
    ]
    expect(compareBill(rows, payments, refunds, { isOurs })).toEqual([])
  })

  it('lists every kind of difference, and which ones the idempotent paths can repair', () => {
    const payments: LedgerPayment[] = [
      // R1 paid, never credited (lost notification)
      { outTradeNo: 'R2', transactionId: 'T2', amount: fen(9_900) },
      { outTradeNo: 'R3', transactionId: 'TX', amount: fen(5_000) },
      { outTradeNo: 'R4', transactionId: 'T4', amount: fen(1_000) }
    ]
    const refunds: LedgerRefund[] = [
      { outRefundNo: 'RF1-R1', outTradeNo: 'R1', amount: fen(21_429), state: 'in_flight' },
      // RF2-R2 refunded by WeChat Pay, unknown to us
      { outRefundNo: 'RF4-R4', outTradeNo: 'R4', amount: fen(100), state: 'posted' },
      { outRefundNo: 'RF3-R3', outTradeNo: 'R3', amount: fen(500), state: 'posted' }
    ]
    expect(compareBill(rows, payments, refunds, { isOurs })).toEqual([
      { kind: 'paid_not_credited', outTradeNo: 'R1', transactionId: 'T1', amount: 30_000, repairable: true },
      { kind: 'payment_amount_differs', outTradeNo: 'R2', bill: 10_000, ledger: 9_900, repairable: false },
      { kind: 'transaction_id_differs', outTradeNo: 'R3', bill: 'T3', ledger: 'TX', repairable: false },
      { kind: 'credited_not_paid', outTradeNo: 'R4', amount: 1_000, repairable: false },
      { kind: 'refunded_not_posted', outRefundNo: 'RF1-R1', outTradeNo: 'R1', amount: 21_429, repairable: true },
      { kind: 'refunded_not_posted', outRefundNo: 'RF2-R2', outTradeNo: 'R2', amount: 1_000, repairable: false },
      { kind: 'posted_not_refunded', outRefundNo: 'RF4-R4', amount: 100, repairable: false },
      { kind: 'posted_not_refunded', outRefundNo: 'RF3-R3', amount: 500, repairable: false }
    ])
  })

  it('compares refund amounts and leaves other products of the merchant alone', () => {
    const d = compareBill(rows, [], [{ outRefundNo: 'RF1-R1', outTradeNo: 'R1', amount: fen(21_428), state: 'posted' }], { isOurs })
    expect(d).toContainEqual({ kind: 'refund_amount_differs', outRefundNo: 'RF1-R1', bill: 21_429, ledger: 21_428, repairable: false })
    expect(d.some((x) => 'outTradeNo' in x && x.outTradeNo === 'SHOP9')).toBe(false)
    expect(compareBill(rows, [], []).some((x) => x.kind === 'paid_not_credited' && x.outTradeNo === 'SHOP9')).toBe(true)
  })

  it('flags a payment listed twice in the bill', () => {
    const twice = parseTradeBill(tradeBillText([{ transactionId: 'T1', outTradeNo: 'R1', state: 'SUCCESS', total: '1.00' }, { transactionId: 'T1', outTradeNo: 'R1', state: 'SUCCESS', total: '1.00' }])).rows
    expect(compareBill(twice, [{ outTradeNo: 'R1', transactionId: 'T1', amount: fen(100) }], [])).toEqual([{ kind: 'duplicate_in_bill', key: 'R1', repairable: false }])
  })
})
