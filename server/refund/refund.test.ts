/**
 * Issue 11: a member's refund through the real functions and the WeChat Pay simulator. The
 * simulator keeps refunds PROCESSING until a test settles them (refundDelayMs), so each test
 * says what WeChat Pay answers and when. After every test the ledger must reconcile, refund holds
 * and settled cash included (test/stack.ts, server/ledger/reconcile.ts).
 */
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { shiftClock } from '../clock'
import { refundIdOf } from './ids'
import { runCron } from '../cron'

let s: TestStack
useTestStack((started) => (s = started), { refundDelayMs: 3_600_000 })

const DAY = 86_400_000
let req = 0
const requestId = () => `rq-${++req}-${Date.now().toString(36)}`
const member = async (me: string) => (await database().collection(C.members).doc(me).get()).data as any
const refundDoc = async (id: string) => (await database().collection(C.refunds).doc(id).get()).data as any
const journal = async (id: string) => (await database().collection(C.journal).doc(id).get()).data as any

/** A member with one credited recharge of `planId`, through the real recharge path. */
async function memberWith(planId = 'p300') {
  const me = newOpenid('rf')
  const order = await s.createOrder(me, { planId })
  s.sim.pay(order.outTradeNo)
  await s.sim.idle()
  expect((await s.order(order.outTradeNo)).status).toBe('credited')
  return { me, outTradeNo: order.outTradeNo as string }
}

const request = (me: string, id = requestId()) => s.call('refund', { action: 'request', requestId: id }, me)

describe('refund inside the cooling-off window (auto)', () => {
  it('refunds the unspent principal through the payment at once; REFUND.SUCCESS settles it; the bonus is taken back', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const q = await s.data('refund', { action: 'quote' }, me)
    expect(q).toMatchObject({ refundable: 30_000, bonusForfeited: 5_000, withinCoolingOff: true, coolingOffDays: 7, approval: 'auto', parts: [{ outTradeNo, amount: 30_000 }] })

    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    expect(r).toMatchObject({ amount: 30_000, state: 'processing', parts: [{ outTradeNo, amount: 30_000, kind: 'wechat', state: 'processing' }] })
    expect(r.guidance).toMatch(/原路退回/)
    // sent before the function answered, with the part's own number
    const outRefundNo = `${r.refundId}-${outTradeNo}`
    expect(s.sim.refunds.get(outRefundNo)).toMatchObject({ refund: 30_000, status: 'PROCESSING' })
    // held: not spendable, not refundable again
    expect(await s.balance(me)).toMatchObject({ total: 0 })
    expect(await member(me)).toMatchObject({ refundHeld: 35_000, refundInFlight: r.refundId })
    expect((await s.call('checkout', { action: 'pay', storeId: 'store-xuhui', amount: 100, requestId: requestId() }, me)).error.code).toBe('INSUFFICIENT_BALANCE')

    s.sim.settleRefund(outRefundNo)
    await s.sim.idle()
    const done = await s.data('refund', { action: 'status', refundId: r.refundId }, me)
    expect(done).toMatchObject({ state: 'succeeded', parts: [{ state: 'succeeded' }] })
    const settle = await journal(`refund:${outRefundNo}`)
    expect(settle.entries).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'store_fund', amount: 30_000 }), expect.objectContaining({ kind: 'store_promo', amount: 5_000 })]))
    const m = await member(me)
    expect(m.refundHeld).toBe(0)
    expect(m.refundInFlight).toBeUndefined()
    expect(await s.balance(me)).toMatchObject({ total: 0, principal: 0, bonus: 0 })
    expect((await s.data('refund', { action: 'list' }, me)).refunds).toEqual([done])
    // nothing left to refund
    expect((await request(me)).error.code).toBe('NOTHING_TO_REFUND')
  })

  it('a notification delivered twice posts once', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    const outRefundNo = `${r.refundId}-${outTradeNo}`
    s.sim.settleRefund(outRefundNo)
    await s.sim.idle()
    const postings = await s.count(C.journal, { memberId: me })
    expect(s.sim.deliverAgain(outRefundNo)).toBe(true)
    await s.sim.idle()
    expect(s.sim.deliverAgain(outRefundNo)).toBe(true)
    await s.sim.idle()
    expect(await s.count(C.journal, { memberId: me })).toBe(postings)
    expect((await refundDoc(r.refundId)).state).toBe('succeeded')
  })

  it('REFUND.ABNORMAL gives the held value back to the balance and the lot, principal to principal, bonus to bonus, with guidance', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const spent = await s.data('checkout', { action: 'pay', storeId: 'store-xuhui', amount: 7_000, requestId: requestId() }, me)
    const before = await member(me)
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    s.sim.settleRefund(`${r.refundId}-${outTradeNo}`, 'ABNORMAL')
    await s.sim.idle()
    const v = await s.data('refund', { action: 'status', refundId: r.refundId }, me)
    expect(v.state).toBe('abnormal')
    expect(v.guidance).toMatch(/已退回余额/)
    const after = await member(me)
    expect({ principal: after.principal, bonus: after.bonus, refundHeld: after.refundHeld }).toEqual({ principal: before.principal, bonus: before.bonus, refundHeld: 0 })
    expect(after.lots).toEqual(before.lots)
    expect(after.refundInFlight).toBeUndefined()
    expect((await s.balance(me)).total).toBe(35_000 - spent.charged)
  })

  it('REFUND.CLOSED releases too, and gives the payment its room back: a new request refunds again', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    s.sim.settleRefund(`${r.refundId}-${outTradeNo}`, 'CLOSED')
    await s.sim.idle()
    expect((await refundDoc(r.refundId)).state).toBe('closed')
    expect((await s.order(outTradeNo)).refunded).toBe(0)
    expect((await s.balance(me)).total).toBe(35_000)
    shiftClock(61_000) // WeChat Pay wants a minute between refunds of one payment
    const again = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    expect(again).toMatchObject({ state: 'processing', amount: 30_000 })
    s.sim.settleRefund(`${again.refundId}-${outTradeNo}`)
    await s.sim.idle()
    expect((await refundDoc(again.refundId)).state).toBe('succeeded')
  })

  it('ten concurrent requests (different taps) hold and refund once, all answering the same refund', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const ids = Array.from({ length: 10 }, requestId)
    let results = await Promise.all(ids.map((id) => request(me, id)))
    for (let round = 0; round < 5; round++) {
      const again = results.map((r, k) => (!r.ok && r.error.code === 'CONFLICT' ? request(me, ids[k]) : r))
      results = await Promise.all(again)
    }
    expect(results.every((r) => r.ok)).toBe(true)
    const refundIds = new Set(results.map((r) => r.data.refundId))
    expect(refundIds.size).toBe(1)
    expect(await s.count(C.refunds, { openid: me })).toBe(1)
    expect(await s.count(C.journal, { memberId: me, kind: 'refund' })).toBe(1)
    expect([...s.sim.refunds.values()].filter((x) => x.outTradeNo === outTradeNo)).toHaveLength(1)
    const [id] = [...refundIds]
    s.sim.settleRefund(`${id}-${outTradeNo}`)
    await s.sim.idle()
  })

  it('the same request id answers the same refund; another member can neither read it nor refund with it', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const id = requestId()
    const r = await s.data('refund', { action: 'request', requestId: id }, me)
    expect(r.refundId).toBe(refundIdOf(me, id))
    expect((await s.data('refund', { action: 'request', requestId: id }, me)).refundId).toBe(r.refundId)
    const other = newOpenid('rf')
    expect((await s.call('refund', { action: 'status', refundId: r.refundId }, other)).error.code).toBe('NOT_FOUND')
    expect((await s.data('refund', { action: 'list' }, other)).refunds).toEqual([])
    // the same request id from someone else is their own (empty) request, never this refund
    expect((await s.call('refund', { action: 'request', requestId: id }, other)).error.code).toBe('NOTHING_TO_REFUND')
    s.sim.settleRefund(`${r.refundId}-${outTradeNo}`)
    await s.sim.idle()
  })

  it('a lost notification is recovered by the status poll once the part has waited a minute', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    await s.withDelivery(async () => {
      s.sim.settleRefund(`${r.refundId}-${outTradeNo}`)
      await s.sim.idle()
    })
    // within the minute: not asked yet
    expect((await s.data('refund', { action: 'status', refundId: r.refundId }, me)).state).toBe('processing')
    shiftClock(61_000)
    expect((await s.data('refund', { action: 'status', refundId: r.refundId }, me)).state).toBe('succeeded')
    expect((await member(me)).refundHeld).toBe(0)
  })
})

describe('the cron sweeper', () => {
  it('recovers refunds whose notification was lost, in bounded batches, once each', async () => {
    const made: Array<{ me: string; refundId: string }> = []
    for (let i = 0; i < 3; i++) {
      const { me, outTradeNo } = await memberWith('p300')
      const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
      await s.withDelivery(async () => {
        s.sim.settleRefund(`${r.refundId}-${outTradeNo}`)
        await s.sim.idle()
      })
      made.push({ me, refundId: r.refundId })
    }
    // not yet a minute old: the sweeper leaves them to their notification
    expect((await runCron({ ordersPerBatch: 10, uploadsPerBatch: 10, refundsPerBatch: 2, maxBatches: 2, keepGoing: () => true })).refundsAsked).toBe(0)
    shiftClock(61_000)
    const report = await runCron({ ordersPerBatch: 10, uploadsPerBatch: 10, refundsPerBatch: 2, maxBatches: 1, keepGoing: () => true })
    expect(report).toMatchObject({ refundsAsked: 2, batches: { refunds: 1 }, more: true })
    expect(await runCron({ ordersPerBatch: 10, uploadsPerBatch: 10, refundsPerBatch: 2, maxBatches: 2, keepGoing: () => true })).toMatchObject({ refundsAsked: 1 })
    for (const { me, refundId } of made) {
      expect((await refundDoc(refundId)).state).toBe('succeeded')
      expect((await member(me)).refundHeld).toBe(0)
    }
  })
})

describe('refund after the cooling-off window', () => {
  it('充300送50, spend 100, after 7 days: 214.29 back under the proportional rule, waiting for approval', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    await s.data('checkout', { action: 'pay', storeId: 'store-xuhui', amount: 10_000, requestId: requestId() }, me)
    shiftClock(8 * DAY)
    const q = await s.data('refund', { action: 'quote' }, me)
    expect(q).toMatchObject({ refundable: 21_429, bonusForfeited: 3_571, withinCoolingOff: false, approval: 'staff', parts: [{ outTradeNo, amount: 21_429 }] })
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    expect(r).toMatchObject({ amount: 21_429, state: 'pending_approval', parts: [{ state: 'awaiting_approval' }] })
    expect(s.sim.refunds.has(`${r.refundId}-${outTradeNo}`)).toBe(false)
    expect((await s.balance(me)).total).toBe(0)
  })
})
