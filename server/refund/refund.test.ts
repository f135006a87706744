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
import { armFault } from '../faults'
import { refundPartsOfDay } from './recon'
import { refundsOfDay } from '../recon/ledger-side'
import { shanghaiDate } from '../../domain/time'

let s: TestStack
useTestStack((started) => (s = started), { refundDelayMs: 3_600_000 })

const DAY = 86_400_000
let req = 0
const requestId = () => `rq-${++req}-${Date.now().toString(36)}`
const member = async (me: string) => (await database().collection(C.members).doc(me).get()).data as any
const refundDoc = async (id: string) => (await database().collection(C.refunds).doc(id).get()).data as any
const journal = async (id: string) => (await database().collection(C.journal).doc(id).get()).data as any

/** A member with one credited recharge of `planId`, through the real recharge path. */
async function memberWith(planId = 'p300', storeId = 'store-xuhui') {
  const me = newOpenid('rf')
  const order = await s.createOrder(me, { planId, storeId } as { planId: string })
  s.sim.pay(order.outTradeNo)
  await s.sim.idle()
  expect((await s.order(order.outTradeNo)).status).toBe('credited')
  // no tier discount, so a bill of 100 draws exactly 100 and the figures are the issue's own
  await database().collection(C.members).doc(me).update({ data: { tier: null } })
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
    // the members hook ran in the settle transaction: the refunded principal no longer counts for the tier
    expect(m.netRecharged).toBe(0)
    expect(await s.balance(me)).toMatchObject({ total: 0, principal: 0, bonus: 0 })
    expect((await s.data('refund', { action: 'list' }, me)).refunds).toEqual([done])
    // nothing left to refund
    expect((await request(me)).error.code).toBe('NOTHING_TO_REFUND')
  })

  it('two recharges refund as two parts, one per payment; one paid and one closed: succeeded, the closed lot back in the balance', async () => {
    const { me, outTradeNo: first } = await memberWith('p300')
    const second = await s.createOrder(me, { planId: 'p300', storeId: 'store-xuhui' } as { planId: string })
    s.sim.pay(second.outTradeNo)
    await s.sim.idle()
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    expect(r.amount).toBe(60_000)
    expect(r.parts.map((p: any) => [p.outTradeNo, p.amount, p.kind]).sort()).toEqual([[first, 30_000, 'wechat'], [second.outTradeNo, 30_000, 'wechat']].sort())
    s.sim.settleRefund(`${r.refundId}-${first}`)
    await s.sim.idle()
    expect((await refundDoc(r.refundId)).state).toBe('processing')
    s.sim.settleRefund(`${r.refundId}-${second.outTradeNo}`, 'CLOSED')
    await s.sim.idle()
    const v = await s.data('refund', { action: 'status', refundId: r.refundId }, me)
    expect(v).toMatchObject({ state: 'succeeded' })
    expect(v.parts.map((p: any) => p.state).sort()).toEqual(['closed', 'succeeded'])
    expect(await s.balance(me)).toMatchObject({ principal: 30_000, bonus: 5_000 })
    const m = await member(me)
    expect(m.lots.find((l: any) => l.id === `lot:${second.outTradeNo}`)).toMatchObject({ principalLeft: 30_000, bonusLeft: 5_000 })
    expect(m.refundInFlight).toBeUndefined()
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

  it.each<[string, (r: any) => any]>([
    ['another amount', (r) => ({ ...r, amount: { ...r.amount, refund: r.amount.refund - 1, payer_refund: r.amount.refund - 1 } })],
    ['another order', (r) => ({ ...r, out_trade_no: 'R000000000000000000000000000001' })],
    ['another merchant', (r) => ({ ...r, mchid: '1900000999' })]
  ])('a signed REFUND.SUCCESS naming our part with %s is recorded for staff and applies nothing', async (_what, change) => {
    const { me, outTradeNo } = await memberWith('p300')
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    const outRefundNo = `${r.refundId}-${outTradeNo}`
    const truth = { mchid: process.env.WECHATPAY_MCHID, transaction_id: (await s.order(outTradeNo)).transactionId, out_trade_no: outTradeNo, refund_id: '50300000012026120100000001', out_refund_no: outRefundNo, refund_status: 'SUCCESS', user_received_account: '支付用户零钱', amount: { total: 30_000, refund: 30_000, payer_total: 30_000, payer_refund: 30_000 } }
    const n = s.sim.signedNotification(change(truth), { eventType: 'REFUND.SUCCESS' })
    expect(await s.postNotify(n)).toBe(204)
    const incident = (await database().collection(C.payIncidents).doc(`notify:${JSON.parse(n.body).id}`).get()).data as any
    expect(incident).toMatchObject({ kind: 'refund_notification', reason: expect.stringContaining('does not match our part') })
    expect((await refundDoc(r.refundId)).state).toBe('processing')
    expect(await s.count(C.journal, { _id: `refund:${outRefundNo}` })).toBe(0)
    s.sim.settleRefund(outRefundNo)
    await s.sim.idle()
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

    // asked again: WeChat Pay still counts the abnormal refund against the payment, so what the
    // payment has no room for goes to the member's own account by hand (E9): a payout HQ completes
    shiftClock(61_000)
    const again = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    const room = 30_000 - r.amount
    expect(again.parts).toEqual([
      expect.objectContaining({ kind: 'wechat', state: 'processing', amount: room }),
      expect.objectContaining({ kind: 'manual', state: 'processing', amount: r.amount - room })
    ])
    s.sim.settleRefund(`${again.refundId}-${outTradeNo}`)
    await s.sim.idle()
    const outRefundNo = `${again.refundId}-M-${outTradeNo}`
    expect((await database().collection(C.payouts).doc(outRefundNo).get()).data).toMatchObject({ state: 'due', reason: 'payment_refunded', amount: r.amount - room })
    expect((await refundDoc(again.refundId)).state).toBe('processing')
    const paid = await s.call('ops', { action: 'payoutComplete', refundId: again.refundId, outRefundNo, reference: 'TRANSFER-9' }, 'demo-admin')
    expect(paid.data).toMatchObject({ state: 'succeeded' })
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

describe('crashes', () => {
  it.each(['refund:start', 'refund:member', 'refund:doc'])('a request crashing at %s writes nothing; the same request then refunds once', async (point) => {
    const { me, outTradeNo } = await memberWith('p300')
    const id = requestId()
    armFault(point)
    expect((await request(me, id)).error.code).toBe('INTERNAL')
    expect(await s.count(C.refunds, { openid: me })).toBe(0)
    expect(await s.balance(me)).toMatchObject({ total: 35_000 })
    expect(s.sim.refunds.size && [...s.sim.refunds.values()].some((x) => x.outTradeNo === outTradeNo)).toBe(false)
    const r = (await request(me, id)).data
    expect(r).toMatchObject({ state: 'processing', amount: 30_000 })
    s.sim.settleRefund(`${r.refundId}-${outTradeNo}`)
    await s.sim.idle()
    expect((await refundDoc(r.refundId)).state).toBe('succeeded')
  })

  it.each(['refund:settle:0:0', 'refund:postings', 'refund:member', 'refund:doc'])('a notification crashing at %s is answered 500, nothing is written, and the redelivery settles once', async (point) => {
    const { me, outTradeNo } = await memberWith('p300')
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    const outRefundNo = `${r.refundId}-${outTradeNo}`
    armFault(point)
    const before = s.sim.deliveries.length
    s.sim.settleRefund(outRefundNo)
    await s.sim.idle()
    const attempts = s.sim.deliveries.slice(before).map((d) => d.status)
    expect(attempts[0]).toBe(500)
    expect(attempts[attempts.length - 1]).toBe(204)
    expect((await refundDoc(r.refundId)).state).toBe('succeeded')
    expect(await s.count(C.journal, { memberId: me, kind: 'refund' })).toBe(2)
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

describe('staff: approval, rejection, manual payouts, returns (ops)', () => {
  const ops = (who: string, event: Record<string, unknown>) => s.call('ops', event, who)
  /** 充300送50, spend 100, then past the cooling-off window: 214.29 waiting for approval */
  async function pendingRefund(planId = 'p300', spend = 10_000, days = 8) {
    const { me, outTradeNo } = await memberWith(planId)
    await s.data('checkout', { action: 'pay', storeId: 'store-xuhui', amount: spend, requestId: requestId() }, me)
    shiftClock(days * DAY)
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    expect(r.state).toBe('pending_approval')
    return { me, outTradeNo, r }
  }

  it('pending_approval → a cashier approves within the limit → sent → succeeded; the fund pays exactly the cash out', async () => {
    const { me, outTradeNo, r } = await pendingRefund()
    const approved = await ops('demo-cashier', { action: 'refundApprove', refundId: r.refundId })
    expect(approved.data).toMatchObject({ state: 'processing', openid: me, staffGuidance: expect.stringMatching(/微信支付/), parts: [{ outRefundNo: `${r.refundId}-${outTradeNo}`, state: 'processing' }] })
    // approving again answers the same refund and sends nothing more
    expect((await ops('demo-cashier', { action: 'refundApprove', refundId: r.refundId })).data.state).toBe('processing')
    expect(s.sim.refunds.get(`${r.refundId}-${outTradeNo}`)).toMatchObject({ refund: 21_429 })
    s.sim.settleRefund(`${r.refundId}-${outTradeNo}`)
    await s.sim.idle()
    expect(await s.data('refund', { action: 'status', refundId: r.refundId }, me)).toMatchObject({ state: 'succeeded', amount: 21_429 })
    const settle = await journal(`refund:${r.refundId}-${outTradeNo}`)
    expect(settle.entries.filter((e: any) => e.kind === 'store_fund').map((e: any) => e.amount)).toEqual([21_429])
    expect(settle.entries.filter((e: any) => e.kind === 'store_promo').map((e: any) => e.amount)).toEqual([3_571])
    expect(await s.balance(me)).toMatchObject({ total: 0 })
    // a decided refund cannot be rejected any more
    expect((await ops('demo-admin', { action: 'refundReject', refundId: r.refundId, reason: '重复' })).error.code).toBe('REFUND_NOT_PENDING')
  })

  it('reject → released: the balance, the lots and the payment room come back; the member sees the reason', async () => {
    const { me, outTradeNo, r } = await pendingRefund()
    const m0 = await member(me)
    expect(m0.refundHeld).toBe(25_000)
    const rejected = await ops('demo-admin', { action: 'refundReject', refundId: r.refundId, reason: '会员要求撤回申请' })
    expect(rejected.data).toMatchObject({ state: 'rejected', rejectReason: '会员要求撤回申请' })
    const v = await s.data('refund', { action: 'status', refundId: r.refundId }, me)
    expect(v.guidance).toContain('会员要求撤回申请')
    expect(await s.balance(me)).toMatchObject({ total: 25_000 })
    const m = await member(me)
    expect(m.refundHeld).toBe(0)
    expect(m.lots[0]).toMatchObject({ principalLeft: expect.any(Number), bonusLeft: expect.any(Number) })
    expect(m.lots[0].principalLeft + m.lots[0].bonusLeft).toBe(25_000)
    expect(await s.order(outTradeNo)).toMatchObject({ refunded: 0, refundCount: 0 })
    expect(s.sim.refunds.has(`${r.refundId}-${outTradeNo}`)).toBe(false)
    expect((await ops('demo-admin', { action: 'refundApprove', refundId: r.refundId })).error.code).toBe('REFUND_NOT_PENDING')
  })

  it('a cashier may not approve above the merchant limit, nor act on another store; HQ may', async () => {
    const { me, outTradeNo, r } = await pendingRefund('p1000', 1_000)
    expect(r.amount).toBeGreaterThan(50_000)
    const over = await ops('demo-cashier', { action: 'refundApprove', refundId: r.refundId })
    expect(over.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('500.00') })
    await database().collection(C.staff).doc('cashier-jingan').set({ data: { name: '静安收银', role: 'cashier', stores: ['store-jingan'] } })
    try {
      for (const e of [{ action: 'refundApprove', refundId: r.refundId }, { action: 'refundReject', refundId: r.refundId, reason: '不行' }, { action: 'refundStart', openid: me, requestId: requestId(), reason: '到店申请' }]) {
        expect((await ops('cashier-jingan', e)).error.code).toBe('FORBIDDEN')
      }
    } finally {
      await database().collection(C.staff).doc('cashier-jingan').remove()
    }
    // members cannot use staff actions at all
    expect((await ops(me, { action: 'refundApprove', refundId: r.refundId })).error.code).toBe('FORBIDDEN')
    expect((await refundDoc(r.refundId)).state).toBe('pending_approval')
    expect((await ops('demo-admin', { action: 'refundApprove', refundId: r.refundId })).data.state).toBe('processing')
    s.sim.settleRefund(`${r.refundId}-${outTradeNo}`)
    await s.sim.idle()
  })

  it('after 365 days the refund is a manual payout: approved, due, completed by HQ with a reference, posted once', async () => {
    const { me, outTradeNo, r } = await pendingRefund('p300', 10_000, 366)
    const approved = (await ops('demo-admin', { action: 'refundApprove', refundId: r.refundId })).data
    const outRefundNo = `${r.refundId}-M-${outTradeNo}`
    expect(approved).toMatchObject({ state: 'processing', parts: [{ kind: 'manual', outRefundNo, manualReason: 'older_than_365_days', state: 'processing' }] })
    expect(s.sim.refunds.size && [...s.sim.refunds.keys()].some((k) => k.startsWith(r.refundId))).toBe(false)
    expect((await database().collection(C.payouts).doc(outRefundNo).get()).data).toMatchObject({ state: 'due', amount: 21_429, openid: me })
    expect((await ops('demo-cashier', { action: 'payoutComplete', refundId: r.refundId, outRefundNo, reference: 'BANK-001' })).error.code).toBe('FORBIDDEN')
    const done = await ops('demo-admin', { action: 'payoutComplete', refundId: r.refundId, outRefundNo, reference: 'BANK-001' })
    expect(done.data).toMatchObject({ state: 'succeeded', parts: [{ state: 'succeeded', reference: 'BANK-001' }] })
    expect((await ops('demo-admin', { action: 'payoutComplete', refundId: r.refundId, outRefundNo, reference: 'BANK-002' })).data.parts[0].reference).toBe('BANK-001')
    expect((await database().collection(C.payouts).doc(outRefundNo).get()).data).toMatchObject({ state: 'paid', reference: 'BANK-001', paidBy: 'demo-admin' })
    expect(await s.count(C.journal, { _id: `refund:${outRefundNo}` })).toBe(1)
  })

  it("a cashier cannot start a refund of another store's recharges: nothing is held", async () => {
    const { me } = await memberWith('p300')
    await database().collection(C.staff).doc('cashier-jingan').set({ data: { name: '静安收银', role: 'cashier', stores: ['store-jingan'] } })
    try {
      expect((await ops('cashier-jingan', { action: 'refundStart', openid: me, requestId: requestId(), reason: '到店申请' })).error.code).toBe('FORBIDDEN')
    } finally {
      await database().collection(C.staff).doc('cashier-jingan').remove()
    }
    expect(await s.count(C.refunds, { openid: me })).toBe(0)
    expect(await s.balance(me)).toMatchObject({ total: 35_000 })
  })

  it('a cashier starts a refund at the counter: within the window it goes out at once', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const started = await ops('demo-cashier', { action: 'refundStart', openid: me, requestId: requestId(), reason: '到店申请' })
    expect(started.data).toMatchObject({ state: 'processing', amount: 30_000, openid: me })
    s.sim.settleRefund(`${started.data.refundId}-${outTradeNo}`)
    await s.sim.idle()
    expect((await refundDoc(started.data.refundId)).state).toBe('succeeded')
  })

  it('payment return (A10): value back into the lots it came from, principal to principal, bonus to bonus; idempotent; partial up to what is left', async () => {
    const { me } = await memberWith('p300')
    const before = await member(me)
    const paid = await s.data('checkout', { action: 'pay', storeId: 'store-xuhui', amount: 7_000, requestId: requestId() }, me)
    const rid = requestId()
    const first = await ops('demo-cashier', { action: 'paymentReturn', paymentId: paid.paymentId, requestId: rid, reason: '退货', amount: 3_000 })
    expect(first.data).toMatchObject({ amount: 3_000, left: 4_000 })
    expect(first.data.principal + first.data.bonus).toBe(3_000)
    expect((await ops('demo-cashier', { action: 'paymentReturn', paymentId: paid.paymentId, requestId: rid, reason: '退货', amount: 3_000 })).data).toEqual(first.data)
    expect((await s.balance(me)).total).toBe(35_000 - 4_000)
    expect((await ops('demo-cashier', { action: 'paymentReturn', paymentId: paid.paymentId, requestId: requestId(), reason: '退货', amount: 4_001 })).error.code).toBe('RETURN_TOO_LARGE')
    const rest = await ops('demo-cashier', { action: 'paymentReturn', paymentId: paid.paymentId, requestId: requestId(), reason: '退货' })
    expect(rest.data).toMatchObject({ amount: 4_000, left: 0, principal: paid.principal - first.data.principal, bonus: paid.bonus - first.data.bonus })
    const after = await member(me)
    expect({ principal: after.principal, bonus: after.bonus }).toEqual({ principal: before.principal, bonus: before.bonus })
    expect(after.lots).toEqual(before.lots.map((l: any) => ({ ...l, redeemed: 0 })))
    expect((await ops('demo-cashier', { action: 'paymentReturn', paymentId: paid.paymentId, requestId: requestId(), reason: '退货' })).error.code).toBe('RETURN_TOO_LARGE')
    // another member cannot ask for it (staff only)
    expect((await ops(me, { action: 'paymentReturn', paymentId: paid.paymentId, requestId: requestId(), reason: '退货' })).error.code).toBe('FORBIDDEN')
  })
})

describe('reconciliation with the trade bill', () => {
  it("lists a day's WeChat refund parts: posted by WeChat's success time, in flight while processing", async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    const outRefundNo = `${r.refundId}-${outTradeNo}`
    const today = shanghaiDate(new Date())
    expect(await refundsOfDay(today)).toEqual(expect.arrayContaining([{ outRefundNo, outTradeNo, amount: 30_000, state: 'in_flight' }]))
    s.sim.settleRefund(outRefundNo)
    await s.sim.idle()
    expect(await refundsOfDay(today)).toEqual(expect.arrayContaining([{ outRefundNo, outTradeNo, amount: 30_000, state: 'posted' }]))
    const tomorrow = new Date(Date.now() + DAY)
    expect((await refundPartsOfDay(tomorrow, new Date(tomorrow.getTime() + DAY))).map((x) => x.outRefundNo)).not.toContain(outRefundNo)
  })
})

describe('the wallet history', () => {
  it('shows the hold and the settled refund in Chinese', async () => {
    const { me, outTradeNo } = await memberWith('p300')
    const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
    s.sim.settleRefund(`${r.refundId}-${outTradeNo}`)
    await s.sim.idle()
    const page = await s.data('wallet', { action: 'history' }, me)
    expect(page.items.slice(0, 2).map((i: any) => [i.kind, i.title, i.amount])).toEqual([
      ['refund', '退款¥300.00已原路退回，赠送等¥50.00不退', 0],
      ['refund_hold', '申请退款，金额已冻结', -35_000]
    ])
  })
})
