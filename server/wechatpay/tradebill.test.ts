/**
 * Trade bills end to end: the simulator writes the day's bill from its own books, the client
 * fetches and checks it against the announced SHA1, and the domain parser reads back exactly
 * the payments and refunds that happened. Only Date is faked (timers stay real) so that the
 * trades can happen "yesterday": bills exist only for days before today, and request
 * signatures are checked against the same clock on both sides.
 */
import { createPayClient } from './client'
import { caught } from './testing'
import type { PayConfig } from './types'
import { createSimulator, type Simulator } from '../../local/wechatpay-sim/simulator'
import { generateTestPayKeys, payConfigFor, simulatorKeys } from '../../local/wechatpay-sim/keys'
import { parseTradeBill } from '../../domain/reconciliation/tradebill'
import { rfc3339Shanghai } from './time'

const keys = generateTestPayKeys()
const DAY_MS = 24 * 3600_000
let sim: Simulator
let server: { url: string; close(): Promise<void> }
let cfg: PayConfig

beforeAll(async () => {
  // read Date.now at each call, so the faked clock reaches the simulator too
  sim = createSimulator({ ...simulatorKeys(keys), timeScale: 0.001, refundDelayMs: 0, now: () => Date.now() })
  sim.setDeliveryMode('never')
  server = await sim.listen()
  cfg = payConfigFor(keys, server.url, 'http://127.0.0.1:1/notify')
})
afterAll(async () => {
  sim.close()
  await server.close()
})


/** Runs `fn` with the clock (Date only) set `ms` from now; always back to the real clock. */
async function at<T>(shiftMs: number, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    advanceTimers: true,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout']
  })
  try {
    jest.setSystemTime(Date.now() + shiftMs)
    return await fn()
  } finally {
    jest.useRealTimers()
  }
}

describe('trade bill', () => {
  it("yesterday's payments and refunds round-trip: simulator bill → client download (SHA1 checked) → parser", async () => {
    const client = createPayClient(cfg)
    const day = rfc3339Shanghai(Date.now() - DAY_MS).slice(0, 10)
    const made = await at(-DAY_MS, async () => {
      const a = `B${Date.now()}A`
      const b = `B${Date.now()}B`
      await client.createJsapiOrder({ outTradeNo: a, description: '充300送50,限时', total: 30_000, openid: 'o-a', attach: 'store=s1' })
      await client.createJsapiOrder({ outTradeNo: b, description: '余额充值', total: 1_001, openid: 'o-b' })
      const ta = sim.pay(a)
      const tb = sim.pay(b)
      const r = await client.createRefund({ outTradeNo: a, outRefundNo: `${a}-R1`, amount: { refund: 21_429, total: 30_000 } })
      return { a, b, ta, tb, r }
    })

    const text = await client.tradeBill(day)
    if (text === null) throw new Error('expected a bill')
    const bill = parseTradeBill(text)
    expect(bill.complete).toBe(true)
    const mine = bill.rows.filter((row) => row.outTradeNo === made.a || row.outTradeNo === made.b)
    expect(mine.map((row) => [row.outTradeNo, row.tradeState, row.transactionId, row.orderTotal, row.settlementTotal, row.refund, row.outRefundNo, row.refundStatus])).toEqual([
      [made.a, 'SUCCESS', made.ta.transaction_id, 30_000, 30_000, 0, null, ''],
      [made.b, 'SUCCESS', made.tb.transaction_id, 1_001, 1_001, 0, null, ''],
      [made.a, 'REFUND', made.ta.transaction_id, 30_000, 0, 21_429, `${made.a}-R1`, 'SUCCESS']
    ].sort((x, y) => (x[1] === y[1] ? 0 : x[1] === 'SUCCESS' ? -1 : 1)))
    expect(mine[0]).toMatchObject({ openid: 'o-a', attach: 'store=s1', refundId: null })
    expect(mine[2].refundId).toBe(made.r.refund_id)
    expect(bill.summary?.count).toBe(bill.rows.length)
  })

  it('a day without trades has no bill (null); today has none yet (INVALID_REQUEST); a bad date is refused unsent', async () => {
    const client = createPayClient(cfg)
    expect(await client.tradeBill('2020-01-01')).toBeNull()
    const today = await caught(client.tradeBill(rfc3339Shanghai(Date.now()).slice(0, 10)))
    expect([today.code, today.status]).toEqual(['INVALID_REQUEST', 400])
    const sent = sim.requests.length
    expect((await caught(client.tradeBill('2026/12/01'))).code).toBe('PARAM_ERROR')
    expect(sim.requests.length).toBe(sent)
  })

  it('a download that does not match the announced SHA1 is BAD_RESPONSE', async () => {
    const client = createPayClient(cfg)
    const day = rfc3339Shanghai(Date.now() - 2 * DAY_MS).slice(0, 10)
    await at(-2 * DAY_MS, async () => {
      const no = `B${Date.now()}C`
      await client.createJsapiOrder({ outTradeNo: no, description: '余额充值', total: 500, openid: 'o-c' })
      sim.pay(no)
    })
    try {
      // one fen less on the first row: exactly what a cut or altered file would hide
      sim.tamperBillDownloads((text) => text.replace('`5.00', '`4.99'))
      const e = await caught(client.tradeBill(day))
      expect(e.code).toBe('BAD_RESPONSE')
    } finally {
      sim.tamperBillDownloads(null)
    }
    expect(await client.tradeBill(day)).toContain('`5.00')
  })
})
