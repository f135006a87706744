import { newOpenid, useTestStack, type TestStack } from '../test/stack'
import { shiftClock } from './clock'
import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import { runCron, type CronLimits } from './cron'

/**
 * cron works in count-bounded batches, stops starting work when told to (its time budget in
 * production), and the next run resumes where the last one stopped.
 */
let s: TestStack
useTestStack((started) => (s = started))

const limits = (o: Partial<CronLimits> = {}): CronLimits => ({ ordersPerBatch: 2, uploadsPerBatch: 2, maxBatches: 2, keepGoing: () => true, ...o })

async function expiredOrders(n: number): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push((await s.createOrder(newOpenid('cron'), { planId: 'p300' })).outTradeNo)
  return out
}

const statuses = async (ids: string[]) => Promise.all(ids.map(async (id) => (await s.order(id)).status))

it('closes expired orders in batches of a bounded size; the next run resumes where this one stopped', async () => {
  const ids = await expiredOrders(5)
  shiftClock(40 * 60_000)

  const first = await runCron(limits())
  expect(first).toMatchObject({ closed: 4, credited: 0, batches: { orders: 2 }, more: true })
  expect((await statuses(ids)).filter((x) => x === 'closed')).toHaveLength(4)

  const second = await runCron(limits())
  expect(second).toMatchObject({ closed: 1, batches: { orders: 1 }, more: false })
  expect(await statuses(ids)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed'])

  expect(await runCron(limits())).toMatchObject({ closed: 0, more: false })
})

it('retries due shipping uploads in bounded batches, each task once per run', async () => {
  const users = [newOpenid('cs'), newOpenid('cs'), newOpenid('cs')]
  const orders = await s.withOpenapi(
    () => {
      throw new Error('system busy')
    },
    async () => {
      const out: string[] = []
      for (const u of users) {
        const order = await s.createOrder(u, { planId: 'p300' })
        s.sim.pay(order.outTradeNo)
        await s.sim.idle()
        out.push(order.outTradeNo)
      }
      return out
    }
  )
  const tasks = async () => Promise.all(orders.map(async (o) => (await database().collection(C.shipping).doc(`ship:${o}`).get()).data as any))
  expect((await tasks()).map((t) => t.status)).toEqual(['pending', 'pending', 'pending'])

  shiftClock(2 * 60_000)
  expect(await runCron(limits({ maxBatches: 1 }))).toMatchObject({ shippingAttempts: 2, batches: { uploads: 1 }, more: true })
  expect((await tasks()).map((t) => t.status).sort()).toEqual(['done', 'done', 'pending'])
  expect(await runCron(limits({ maxBatches: 1 }))).toMatchObject({ shippingAttempts: 1, more: false })
  expect((await tasks()).map((t) => [t.status, t.attempts])).toEqual([
    ['done', 2],
    ['done', 2],
    ['done', 2]
  ])
})

it('starts no new order once its budget says stop, and says there is more', async () => {
  const ids = await expiredOrders(3)
  shiftClock(40 * 60_000)
  let allowed = 2
  const report = await runCron(limits({ ordersPerBatch: 10, maxBatches: 5, keepGoing: () => allowed-- > 0 }))
  // the loop's check uses one permit, so exactly one order is closed
  expect(report).toMatchObject({ closed: 1, more: true })
  expect((await statuses(ids)).filter((x) => x === 'closed')).toHaveLength(1)
  expect(await runCron(limits({ ordersPerBatch: 10 }))).toMatchObject({ closed: 2, more: false })
})

it('a cursor moves a run past orders whose closing keeps failing', async () => {
  const db = database()
  const at = Date.now()
  // two corrupt pending orders, expired before the real ones: closing them throws every time
  const broken = ['CRONBROKEN1', 'CRONBROKEN2']
  const error = jest.spyOn(console, 'error').mockImplementation(() => {})
  try {
    for (const [i, id] of broken.entries()) {
      await db.collection(C.orders).add({ data: { _id: id, status: 'pending', openid: 'nobody', expireAt: new Date(at - 3600_000 + i), campaignIds: 5 } })
    }
    const ids = await expiredOrders(2)
    shiftClock(40 * 60_000)
    const report = await runCron(limits({ maxBatches: 3 }))
    expect(report).toMatchObject({ closed: 2 })
    expect(await statuses(ids)).toEqual(['closed', 'closed'])
    expect(await statuses(broken)).toEqual(['pending', 'pending'])
  } finally {
    error.mockRestore()
    for (const id of broken) await db.collection(C.orders).doc(id).remove()
  }
})
