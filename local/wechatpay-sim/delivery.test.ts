/**
 * Notification delivery on a compressed clock (timeScale 0.001: 15 s → 15 ms).
 */
import { createSimulator, type Simulator } from './simulator'
import { generateTestPayKeys, payConfigFor, simulatorKeys } from './keys'
import { startNotifyReceiver } from './testing'
import { WECHAT_RETRY_SCHEDULE_MS } from './notifier'
import { createPayClient } from '../../server/wechatpay/client'
import { verifyNotification } from '../../server/wechatpay/notification'
import type { RefundNotice, Transaction } from '../../server/wechatpay/types'

const keys = generateTestPayKeys()
let seq = 0
const tradeNo = () => `D${Date.now()}${seq++}`

async function setup(answer?: Parameters<typeof startNotifyReceiver>[0], extra: Partial<Parameters<typeof createSimulator>[0]> = {}) {
  const receiver = await startNotifyReceiver(answer)
  const sim = createSimulator({ ...simulatorKeys(keys), timeScale: 0.001, refundDelayMs: 1, ...extra })
  const server = await sim.listen()
  const cfg = payConfigFor(keys, server.url, receiver.url)
  const client = createPayClient(cfg)
  const cleanup = async () => {
    sim.close()
    await server.close()
    await receiver.close()
  }
  return { receiver, sim, server, cfg, client, cleanup }
}

async function paidOrder(sim: Simulator, client: ReturnType<typeof createPayClient>) {
  const no = tradeNo()
  await client.createJsapiOrder({ outTradeNo: no, description: '充值', total: 100, openid: 'o-1' })
  sim.pay(no)
  return no
}

it('the default schedule is WeChat’s 15s,15s,30s,3m,10m,20m,30m,30m,30m,60m,3h,3h,3h,6h,6h', () => {
  expect(WECHAT_RETRY_SCHEDULE_MS.map((ms) => ms / 1000)).toEqual([
    15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600
  ])
})

it('retries a failing notify_url on the schedule and stops at the first 2xx', async () => {
  const t = await setup((n) => (n < 2 ? 500 : 204))
  try {
    const no = await paidOrder(t.sim, t.client)
    await t.sim.idle()
    expect(t.receiver.received).toHaveLength(3)
    expect(t.sim.deliveries.map((d) => [d.status, d.attempt, d.key, d.eventType])).toEqual([
      [500, 0, no, 'TRANSACTION.SUCCESS'],
      [500, 1, no, 'TRANSACTION.SUCCESS'],
      [204, 2, no, 'TRANSACTION.SUCCESS']
    ])
    // gaps follow 15 s, 15 s scaled to 15 ms
    const at = t.receiver.received.map((r) => r.at)
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(14)
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(14)
    // every attempt carries the same event, each freshly signed and individually valid
    const bodies = new Set(t.receiver.received.map((r) => r.body))
    expect(bodies.size).toBe(1)
    const nonces = new Set(t.receiver.received.map((r) => r.headers['wechatpay-nonce']))
    expect(nonces.size).toBe(3)
    for (const r of t.receiver.received) expect(verifyNotification(t.cfg, r.headers, r.body).ok).toBe(true)
  } finally {
    await t.cleanup()
  }
})

it('gives up after the last retry (16 attempts in all)', async () => {
  const t = await setup(() => 503, { retrySchedule: Array(15).fill(1) })
  try {
    await paidOrder(t.sim, t.client)
    await t.sim.idle()
    expect(t.receiver.received).toHaveLength(16)
    expect(t.sim.deliveries.at(-1)).toMatchObject({ status: 503, attempt: 15 })
  } finally {
    await t.cleanup()
  }
})

it('treats no answer within the delivery timeout as a failure and retries', async () => {
  const t = await setup((n) => (n === 0 ? 'hang' : 200), { deliveryTimeoutMs: 50 })
  try {
    await paidOrder(t.sim, t.client)
    await t.sim.idle()
    expect(t.sim.deliveries.map((d) => d.status)).toEqual(['timeout', 200])
  } finally {
    await t.cleanup()
  }
})

it("'twice' delivers every event two times (same id), 'never' not at all until deliverAgain", async () => {
  const t = await setup()
  try {
    t.sim.setDeliveryMode('twice')
    await paidOrder(t.sim, t.client)
    await t.sim.idle()
    expect(t.receiver.received).toHaveLength(2)
    const ids = t.receiver.received.map((r) => JSON.parse(r.body).id)
    expect(ids[0]).toBe(ids[1])

    t.sim.setDeliveryMode('never')
    const lost = await paidOrder(t.sim, t.client)
    await t.sim.idle()
    expect(t.receiver.received).toHaveLength(2)
    // polling still sees the payment
    expect((await t.client.queryOrder(lost))?.trade_state).toBe('SUCCESS')

    expect(t.sim.deliverAgain(lost)).toBe(true)
    await t.sim.idle()
    expect(t.receiver.received).toHaveLength(3)
    const late = verifyNotification(t.cfg, t.receiver.received[2].headers, t.receiver.received[2].body)
    expect(late.ok && (late.resource as Transaction).out_trade_no).toBe(lost)
    expect(t.sim.deliverAgain('NEVER_CREATED')).toBe(false)
  } finally {
    await t.cleanup()
  }
})

it('{ delayMs } holds the notification back so a query can come first', async () => {
  const t = await setup()
  try {
    t.sim.setDeliveryMode({ delayMs: 80 })
    const no = await paidOrder(t.sim, t.client)
    expect((await t.client.queryOrder(no))?.trade_state).toBe('SUCCESS')
    expect(t.receiver.received).toHaveLength(0)
    await t.sim.idle()
    expect(t.receiver.received).toHaveLength(1)
  } finally {
    await t.cleanup()
  }
})

it('refund notifications follow PROCESSING → SUCCESS and go to the refund notify_url', async () => {
  const t = await setup()
  const refundReceiver = await startNotifyReceiver()
  try {
    const no = await paidOrder(t.sim, t.client)
    await t.sim.idle()
    const r = await t.client.createRefund({ outTradeNo: no, outRefundNo: `${no}-R`, amount: { refund: 40, total: 100 }, notifyUrl: refundReceiver.url })
    expect(r.status).toBe('PROCESSING')
    await new Promise((res) => setTimeout(res, 20))
    await t.sim.idle()
    expect(refundReceiver.received).toHaveLength(1)
    const n = verifyNotification(t.cfg, refundReceiver.received[0].headers, refundReceiver.received[0].body)
    expect(n.ok && [n.event.event_type, (n.resource as RefundNotice).refund_status]).toEqual(['REFUND.SUCCESS', 'SUCCESS'])
    expect((await t.client.queryRefund(`${no}-R`))?.status).toBe('SUCCESS')
  } finally {
    await refundReceiver.close()
    await t.cleanup()
  }
})

it('a refund settled by hand as CLOSED gives the amount back and notifies REFUND.CLOSED', async () => {
  const t = await setup(undefined, { refundDelayMs: 60_000 })
  try {
    const no = await paidOrder(t.sim, t.client)
    await t.client.createRefund({ outTradeNo: no, outRefundNo: `${no}-C`, amount: { refund: 100, total: 100 } })
    expect(t.sim.orders.get(no)?.refunded).toBe(100)
    expect(t.sim.settleRefund(`${no}-C`, 'CLOSED').status).toBe('CLOSED')
    expect(t.sim.orders.get(no)?.refunded).toBe(0)
    await t.sim.idle()
    const events = t.receiver.received.map((r) => JSON.parse(r.body).event_type)
    expect(events).toEqual(['TRANSACTION.SUCCESS', 'REFUND.CLOSED'])
  } finally {
    await t.cleanup()
  }
})

it('a refund notification (here REFUND.ABNORMAL) is retried on the same schedule, the same event each time', async () => {
  const refundReceiver = await startNotifyReceiver((n) => (n < 2 ? 503 : 200))
  const t = await setup(undefined, { refundDelayMs: 60_000 })
  try {
    const no = await paidOrder(t.sim, t.client)
    await t.client.createRefund({ outTradeNo: no, outRefundNo: `${no}-A`, amount: { refund: 30, total: 100 }, notifyUrl: refundReceiver.url })
    t.sim.settleRefund(`${no}-A`, 'ABNORMAL')
    await t.sim.idle()
    const tries = t.sim.deliveries.filter((d) => d.key === `${no}-A`)
    expect(tries.map((d) => [d.status, d.attempt, d.eventType])).toEqual([
      [503, 0, 'REFUND.ABNORMAL'],
      [503, 1, 'REFUND.ABNORMAL'],
      [200, 2, 'REFUND.ABNORMAL']
    ])
    expect(new Set(tries.map((d) => d.eventId)).size).toBe(1)
    const at = refundReceiver.received.map((r) => r.at)
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(14)
    const n = verifyNotification(t.cfg, refundReceiver.received[2].headers, refundReceiver.received[2].body)
    expect(n.ok && (n.resource as RefundNotice)).toMatchObject({ out_refund_no: `${no}-A`, refund_status: 'ABNORMAL', amount: { refund: 30 } })
    // an abnormal refund is still owed to the payer: its amount is not refundable again
    expect(t.sim.orders.get(no)?.refunded).toBe(30)
  } finally {
    await t.cleanup()
    await refundReceiver.close()
  }
})

it('close() stops pending retries', async () => {
  const t = await setup(() => 500, { retrySchedule: [10_000] })
  try {
    await paidOrder(t.sim, t.client)
    // the first attempt lands (bounded by count, not by a guess at how long it takes)
    for (let i = 0; i < 1000 && t.sim.deliveries.length < 1; i++) await new Promise((res) => setTimeout(res, 5))
    expect(t.sim.deliveries).toHaveLength(1)
    t.sim.close()
    await t.sim.idle()
    expect(t.receiver.received).toHaveLength(1)
  } finally {
    await t.cleanup()
  }
})
