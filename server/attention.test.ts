import { newOpenid, useTestStack, type TestStack } from '../test/stack'
import { database } from './cloud'
import { shiftClock } from './clock'
import { COLLECTIONS as C } from './db/indexes'

/**
 * ops.attention lists the refunds waiting for approval and the manual payouts due at the staff
 * member's stores (issue 11), through the real refund function: 小李 recharges at 徐汇店, asks
 * for a refund after the cooling-off window (it waits for staff), and a year later another
 * member's refund becomes a payout HQ must transfer by hand.
 */
let s: TestStack
useTestStack((started) => (s = started))

const DAY = 24 * 3600 * 1000
const JINGAN_CASHIER = 'att-cashier-jingan'
let seq = 0
const requestId = () => `att-${Date.now()}-${++seq}`

/** a member who recharged 充300送50 at 徐汇店 and asked for a refund `days` later */
async function refundAfter(days: number) {
  const me = newOpenid('att')
  const order = await s.createOrder(me, { planId: 'p300', storeId: 'store-xuhui' } as { planId: string })
  s.sim.pay(order.outTradeNo)
  await s.sim.idle()
  shiftClock(days * DAY)
  const r = await s.data('refund', { action: 'request', requestId: requestId() }, me)
  expect(r.state).toBe('pending_approval')
  return { me, r }
}

beforeAll(async () => {
  await database().collection(C.staff).doc(JINGAN_CASHIER).set({ data: { name: '收银员 静安', role: 'cashier', stores: ['store-jingan'] } })
})

it('lists a refund waiting for approval to the staff of its store only, until it is decided', async () => {
  try {
    const { me, r } = await refundAfter(8)
    const seen = await s.data('ops', { action: 'attention' }, 'demo-cashier')
    expect(seen.refunds).toEqual([{ refundId: r.refundId, openid: me, amount: 30_000, reason: '', storeIds: ['store-xuhui'], createdAt: r.createdAt }])
    expect((await s.data('ops', { action: 'attention' }, JINGAN_CASHIER)).refunds).toEqual([])
    await s.data('ops', { action: 'refundApprove', refundId: r.refundId }, 'demo-admin')
    expect((await s.data('ops', { action: 'attention' }, 'demo-cashier')).refunds).toEqual([])
  } finally {
    shiftClock(0)
  }
})

it('lists a manual payout due (a recharge older than 365 days) until HQ records it paid', async () => {
  try {
    const { me, r } = await refundAfter(366)
    await s.data('ops', { action: 'refundApprove', refundId: r.refundId }, 'demo-admin')
    const due = (await s.data('ops', { action: 'attention' }, 'demo-cashier')).payouts
    expect(due).toEqual([expect.objectContaining({ refundId: r.refundId, openid: me, storeId: 'store-xuhui', amount: 30_000, reason: 'older_than_365_days' })])
    expect((await s.data('ops', { action: 'attention' }, JINGAN_CASHIER)).payouts).toEqual([])
    await s.data('ops', { action: 'payoutComplete', refundId: r.refundId, outRefundNo: due[0].outRefundNo, reference: 'BANK-ATT-1' }, 'demo-admin')
    expect((await s.data('ops', { action: 'attention' }, 'demo-admin')).payouts).toEqual([])
  } finally {
    shiftClock(0)
  }
})
