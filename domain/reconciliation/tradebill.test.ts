import { tradeBillText, TRADE_BILL_HEADER } from './fixtures'
import { BillFormatError, parseTradeBill, yuanToFen } from './tradebill'

const pay = { transactionId: '4200000001202611200000000001', outTradeNo: 'R20261120000001', state: 'SUCCESS' as const, total: '300.00' }
const refund = { transactionId: pay.transactionId, outTradeNo: pay.outTradeNo, state: 'REFUND' as const, total: '300.00', refundId: '50300000012026112000000001', outRefundNo: 'RF1-R20261120000001', refund: '214.29', refundStatus: 'SUCCESS' }

describe('parseTradeBill', () => {
  it('reads payment and refund rows in fen, ids as text, and checks the summary', () => {
    const bill = parseTradeBill(tradeBillText([pay, refund]))
    expect(bill.rows).toHaveLength(2)
    expect(bill.rows[0]).toMatchObject({ tradeTime: '2026-11-20 10:00:00', transactionId: pay.transactionId, outTradeNo: pay.outTradeNo, tradeState: 'SUCCESS', orderTotal: 30_000, settlementTotal: 30_000, refundId: null, outRefundNo: null, refund: 0 })
    expect(bill.rows[1]).toMatchObject({ tradeState: 'REFUND', refundId: refund.refundId, outRefundNo: refund.outRefundNo, refund: 21_429, refundApplied: 21_429, refundStatus: 'SUCCESS' })
    expect(bill.summary).toEqual({ count: 2, settlementTotal: 30_000, refundTotal: 21_429 })
    expect(bill.complete).toBe(true)
  })

  it('keeps commas inside a value (商品名称) and tolerates a BOM and CRLF', () => {
    const bill = parseTradeBill(tradeBillText([{ ...pay, goods: '充300送50,限时' }], { bom: true, crlf: true }))
    expect(bill.rows[0].outTradeNo).toBe(pay.outTradeNo)
    expect(bill.complete).toBe(true)
  })

  it('says a bill without its summary, or whose rows disagree with it, is not complete', () => {
    expect(parseTradeBill(tradeBillText([pay], { summary: false })).complete).toBe(false)
    const cut = tradeBillText([pay, { ...pay, outTradeNo: 'R2' }]).split('\n')
    cut.splice(2, 1) // a row lost in transit
    expect(parseTradeBill(cut.join('\n')).complete).toBe(false)
  })

  it('an empty day is an empty bill', () => {
    expect(parseTradeBill('')).toEqual({ rows: [], summary: null, complete: false })
    expect(parseTradeBill(tradeBillText([]))).toMatchObject({ rows: [], complete: true })
  })

  it('refuses what is not a trade bill', () => {
    expect(() => parseTradeBill('hello,world\n`1,`2')).toThrow(BillFormatError)
    expect(() => parseTradeBill(`${TRADE_BILL_HEADER}\n2026-11-20,no backquotes`)).toThrow(BillFormatError)
    expect(() => parseTradeBill(`${TRADE_BILL_HEADER}\n\`a,\`b`)).toThrow(BillFormatError)
    expect(() => parseTradeBill(tradeBillText([{ ...pay, total: '3e2' }]))).toThrow(BillFormatError)
  })
})

describe('yuanToFen', () => {
  it('reads yuan text exactly, without floats', () => {
    expect(yuanToFen('0.01')).toBe(1)
    expect(yuanToFen('214.29')).toBe(21_429)
    expect(yuanToFen('5.7')).toBe(570)
    expect(yuanToFen('12')).toBe(1_200)
    expect(yuanToFen('-1.42')).toBe(-142)
    expect(yuanToFen('')).toBe(0)
    expect(yuanToFen('0.29')).toBe(29) // 0.29 * 100 = 28.999… as a float
    for (const bad of ['1.234', '1,00', '¥1', ' 1', 'NaN']) expect(() => yuanToFen(bad)).toThrow(BillFormatError)
  })
})
