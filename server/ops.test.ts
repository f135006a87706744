import { newOpenid, useTestStack, type TestStack } from '../test/stack'
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
    const order = await s.withOpenapi(
      () => {
        throw new Error('system busy')
      },
      async () => {
        const created = await s.createOrder('ops-a', { planId: 'p300' })
        s.sim.pay(created.outTradeNo)
        await s.sim.idle()
        return created
      }
    )

    const { flagged, tx } = await s.withDelivery(async () => {
      const created = await s.createOrder('ops-b', { planId: 'p300' })
      return { flagged: created, tx: s.sim.pay(created.outTradeNo) }
    })
    expect(await s.postNotify(s.sim.signedNotification({ ...tx, amount: { ...tx.amount, total: 1 } }))).toBe(204)

    const seen = await s.data('ops', { action: 'attention' }, 'demo-admin')
    expect(seen.shipping).toEqual([expect.objectContaining({ outTradeNo: order.outTradeNo, status: 'pending', attempts: 1, lastError: expect.stringContaining('system busy') })])
    expect(seen.review).toEqual([expect.objectContaining({ outTradeNo: flagged.outTradeNo, pay: 30000, reason: expect.stringContaining('amount') })])

    // a cashier of another store sees none of the online orders
    expect(await s.data('ops', { action: 'attention' }, 'demo-cashier')).toEqual({ shipping: [], review: [], incidents: [], recon: [], refunds: [], payouts: [] })

    expect(await s.data('ops', { action: 'retryShipping', id: `ship:${order.outTradeNo}` }, 'demo-admin')).toEqual({ status: 'done' })
    const task = (await database().collection(C.shipping).doc(`ship:${order.outTradeNo}`).get()).data as any
    expect(task).toMatchObject({ status: 'done', attempts: 2 })
    expect((await s.data('ops', { action: 'attention' }, 'demo-admin')).shipping).toEqual([])
  })
})

describe('staff act only on their own stores’ records', () => {
  it('a cashier of 徐汇店 cannot retry the shipping upload of an online order; HQ can', async () => {
    s.stack.cloud.setOpenapiHandler(() => {
      throw new Error('system busy')
    })
    try {
      const order = await s.createOrder(newOpenid('ship'), { planId: 'p300' })
      s.sim.pay(order.outTradeNo)
      await s.sim.idle()
      const id = `ship:${order.outTradeNo}`
      const before = (await database().collection(C.shipping).doc(id).get()).data as any
      expect(before).toMatchObject({ status: 'pending', attempts: 1 })

      s.stack.cloud.setOpenapiHandler(() => ({ errcode: 0, errmsg: 'ok' }))
      const r = await s.call('ops', { action: 'retryShipping', id }, 'demo-cashier')
      expect(r.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('门店') })
      expect((await database().collection(C.shipping).doc(id).get()).data).toMatchObject({ status: 'pending', attempts: 1 })

      expect(await s.data('ops', { action: 'retryShipping', id }, 'demo-admin')).toEqual({ status: 'done' })
      // the same cashier can for an order of their own store
      s.stack.cloud.setOpenapiHandler(() => {
        throw new Error('system busy')
      })
      const own = await s.createOrder(newOpenid('ship'), { planId: 'p300', storeId: 'store-xuhui' } as { planId: string })
      s.sim.pay(own.outTradeNo)
      await s.sim.idle()
      s.stack.cloud.setOpenapiHandler(() => ({ errcode: 0, errmsg: 'ok' }))
      expect(await s.data('ops', { action: 'retryShipping', id: `ship:${own.outTradeNo}` }, 'demo-cashier')).toEqual({ status: 'done' })
      // a task that does not exist is NOT_FOUND, for HQ too
      expect((await s.call('ops', { action: 'retryShipping', id: 'ship:CZ0000000000' }, 'demo-admin')).error.code).toBe('NOT_FOUND')
    } finally {
      s.stack.cloud.setOpenapiHandler(() => ({ errcode: 0, errmsg: 'ok' }))
    }
  })
})
