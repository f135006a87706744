import { useTestStack, type TestStack } from '../test/stack'
import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'

let s: TestStack
useTestStack((started) => (s = started))

describe('ops: what staff must look at', () => {
  it('refuses anyone who is not staff', async () => {
    expect((await s.call('ops', { action: 'attention' }, 'demo-customer')).error.code).toBe('FORBIDDEN')
    expect((await s.call('ops', { action: 'attention' })).error.code).toBe('UNAUTHENTICATED')
  })

  it('shows uploads WeChat keeps refusing and orders flagged for review, and retries an upload', async () => {
    s.stack.cloud.setOpenapiHandler(() => {
      throw new Error('system busy')
    })
    const order = await s.createOrder('ops-a', { planId: 'p300' })
    s.sim.pay(order.outTradeNo)
    await s.sim.idle()

    s.sim.setDeliveryMode('never')
    const flagged = await s.createOrder('ops-b', { planId: 'p300' })
    const tx = s.sim.pay(flagged.outTradeNo)
    s.sim.setDeliveryMode('normal')
    expect(await s.postNotify(s.sim.signedNotification({ ...tx, amount: { ...tx.amount, total: 1 } }))).toBe(204)

    const seen = await s.data('ops', { action: 'attention' }, 'demo-admin')
    expect(seen.shipping).toEqual([expect.objectContaining({ outTradeNo: order.outTradeNo, status: 'pending', attempts: 1, lastError: expect.stringContaining('system busy') })])
    expect(seen.review).toEqual([expect.objectContaining({ outTradeNo: flagged.outTradeNo, pay: 30000, reason: expect.stringContaining('amount') })])

    // a cashier of another store sees none of the online orders
    expect(await s.data('ops', { action: 'attention' }, 'demo-cashier')).toEqual({ shipping: [], review: [], incidents: [] })

    s.stack.cloud.setOpenapiHandler(() => ({ errcode: 0, errmsg: 'ok' }))
    expect(await s.data('ops', { action: 'retryShipping', id: `ship:${order.outTradeNo}` }, 'demo-admin')).toEqual({ status: 'done' })
    const task = (await database().collection(C.shipping).doc(`ship:${order.outTradeNo}`).get()).data as any
    expect(task).toMatchObject({ status: 'done', attempts: 2 })
    expect((await s.data('ops', { action: 'attention' }, 'demo-admin')).shipping).toEqual([])
  })
})
