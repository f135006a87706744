/**
 * The simulator's refund rules on its books directly, with a clock the test moves (a year
 * cannot pass over HTTP: request signatures are checked against the same clock).
 */
import { createLedger, MAX_REFUNDS_PER_ORDER, REFUND_WINDOW_MS, SimError } from './ledger'

const cfg = { mchid: '1230000109', appid: 'wxd678efh567hg6787' }

function paidBooks(total = 10_000) {
  let t = Date.parse('2026-01-10T10:00:00+08:00')
  const ledger = createLedger(cfg, () => t)
  const outTradeNo = 'L2026011000001'
  ledger.createJsapi(
    { appid: cfg.appid, mchid: cfg.mchid, description: '充值', out_trade_no: outTradeNo, notify_url: 'http://127.0.0.1:1/n', amount: { total }, payer: { openid: 'o-1' } },
    cfg.mchid
  )
  ledger.pay(outTradeNo)
  const refund = (outRefundNo: string, amount: number) =>
    ledger.createRefund({ out_trade_no: outTradeNo, out_refund_no: outRefundNo, amount: { refund: amount, total, currency: 'CNY' } })
  return { ledger, outTradeNo, refund, advance: (ms: number) => (t += ms) }
}

function codeOf(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    if (e instanceof SimError) return e.code
    throw e
  }
  return 'accepted'
}

describe('simulated refund rules', () => {
  it('accepts a refund up to a year after payment, then answers TRADE_OVERDUE; a known out_refund_no still answers', () => {
    const b = paidBooks()
    b.advance(REFUND_WINDOW_MS - 1000)
    expect(b.refund('R1', 100).created).toBe(true)
    b.advance(2000)
    expect(codeOf(() => b.refund('R2', 100))).toBe('TRADE_OVERDUE')
    // the repeat of an accepted refund is the same refund, whatever the date
    expect(b.refund('R1', 100).created).toBe(false)
  })

  it(`allows ${MAX_REFUNDS_PER_ORDER} refunds per order, closed ones counted, and refuses the next with INVALID_REQUEST`, () => {
    const b = paidBooks()
    for (let i = 1; i <= MAX_REFUNDS_PER_ORDER; i++) expect(b.refund(`R${i}`, 1).created).toBe(true)
    b.ledger.settleRefund('R1', 'CLOSED')
    expect(codeOf(() => b.refund('R51', 1))).toBe('INVALID_REQUEST')
    expect(b.ledger.order(b.outTradeNo).refunded).toBe(MAX_REFUNDS_PER_ORDER - 1)
  })

  it('answers REFUND_FEE_MISMATCH when an out_refund_no comes back with another amount, and changes nothing', () => {
    const b = paidBooks()
    b.refund('R1', 100)
    expect(codeOf(() => b.refund('R1', 101))).toBe('REFUND_FEE_MISMATCH')
    expect(b.ledger.order(b.outTradeNo).refunded).toBe(100)
  })

  it('never refunds beyond what is left (INVALID_REQUEST)', () => {
    const b = paidBooks(300)
    b.refund('R1', 200)
    expect(codeOf(() => b.refund('R2', 101))).toBe('INVALID_REQUEST')
    expect(b.refund('R3', 100).created).toBe(true)
  })
})
