/**
 * Reconciliation with WeChat Pay end to end: trades happen on an earlier day (only Date is faked,
 * timers stay real, so the simulator and our functions agree on the clock, as in
 * server/wechatpay/tradebill.test.ts), then the day is reconciled against the simulator's trade
 * bill through ops.reconRun and cron's `recon` trigger.
 */
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import * as payModule from '../pay'
import { pay } from '../pay'
import { tradeBillText } from '../../domain/reconciliation/fixtures'
import { newOutTradeNo } from '../recharge/order-no'
import { addDays, shanghaiDate, shanghaiDayStart } from '../../domain/time'

import { at, DAY_MS } from './test-kit'

let s: TestStack
useTestStack((started) => (s = started))


/** A payment at WeChat Pay for an order in our number format that we never created (never notified). */
async function foreignPayment(total: number): Promise<string> {
  const outTradeNo = newOutTradeNo(new Date())
  await pay().client.createJsapiOrder({ outTradeNo, description: '不是我们的订单', total, openid: 'o-stranger' })
  await s.withDelivery(() => s.sim.pay(outTradeNo))
  return outTradeNo
}

const snapshot = async () => ({
  journal: await s.count(C.journal),
  recon: await s.count(C.recon),
  orders: (await database().collection(C.orders).where({ status: 'credited' }).count()).total
})

describe('reconciliation with the trade bill', () => {
  it('repairs a recharge whose notification was lost, flags a payment for an order we never had, and a second run changes nothing', async () => {
    const tradeDay = new Date(Date.now() - 3 * DAY_MS)
    const day = shanghaiDate(tradeDay)
    const [credited, lost, stranger] = [newOpenid('rc'), newOpenid('rl'), null]
    const made = await at(tradeDay, async () => {
      const normal = await s.createOrder(credited, { planId: 'p300' })
      s.sim.pay(normal.outTradeNo)
      await s.sim.idle()
      const missed = await s.paidButNotNotified(lost)
      const foreign = await foreignPayment(1234)
      return { normal: normal.outTradeNo, missed: missed.order.outTradeNo, foreign }
    })
    expect(stranger).toBeNull()
    expect((await s.order(made.missed)).status).toBe('pending')
    expect((await s.balance(lost)).total).toBe(0)

    const first = await s.data('ops', { action: 'reconRun', date: day }, 'demo-admin')
    expect(first).toMatchObject({ day, state: 'done', repaired: 1, flagged: 1 })
    expect(first.bill).toEqual({ payments: 3, paymentTotal: 30000 + 30000 + 1234, refunds: 0, refundTotal: 0 })
    // the ledger as the repair left it: both recharges credited
    expect(first.ledger).toEqual({ payments: 2, paymentTotal: 60000, refunds: 0, refundTotal: 0 })
    expect(first.differences).toEqual([
      expect.objectContaining({ kind: 'paid_not_credited', key: made.foreign, amount: 1234, state: 'flagged', storeId: null, note: expect.stringContaining('没有这个订单') }),
      expect.objectContaining({ kind: 'paid_not_credited', key: made.missed, amount: 30000, state: 'repaired', note: expect.stringContaining('补入账') })
    ])
    // repaired through the crediting path: the order, the balance and the journal as a notification would leave them
    const order = await s.order(made.missed)
    expect(order).toMatchObject({ status: 'credited', journalId: expect.any(String) })
    expect((await s.balance(lost)).total).toBe(35000)
    expect(await s.count(C.journal, { _id: order.journalId })).toBe(1)

    // the flagged difference reaches HQ's desk; a cashier's desk shows none (no order of theirs)
    const desk = await s.data('ops', { action: 'attention' }, 'demo-admin')
    expect(desk.recon).toEqual(expect.arrayContaining([expect.objectContaining({ key: made.foreign, state: 'flagged' })]))
    expect(desk.recon.some((d: { key: string }) => d.key === made.missed)).toBe(false)
    expect((await s.data('ops', { action: 'attention' }, 'demo-cashier')).recon).toEqual([])

    const before = await snapshot()
    const second = await s.data('ops', { action: 'reconRun', date: day }, 'demo-admin')
    expect({ ...second, lastRunAt: null }).toEqual({ ...first, lastRunAt: null })
    expect(await snapshot()).toEqual(before)
    expect((await s.balance(lost)).total).toBe(35000)
    const report = await s.data('ops', { action: 'reconReport', date: day }, 'demo-admin')
    expect(report).toEqual(second)
  })

  it('flags a credited order whose amount differs from the bill, and repairs nothing for it', async () => {
    const tradeDay = new Date(Date.now() - 4 * DAY_MS)
    const day = shanghaiDate(tradeDay)
    const who = newOpenid('ra')
    const no = await at(tradeDay, async () => {
      const o = await s.createOrder(who, { planId: 'p300' })
      s.sim.pay(o.outTradeNo)
      await s.sim.idle()
      return o.outTradeNo
    })
    const journalBefore = await s.count(C.journal)
    // our record says 300.01: WeChat Pay's bill says 300.00 (the order's own amount, as paid)
    await database().collection(C.orders).doc(no).update({ data: { pay: 30001 } })
    try {
      const r = await s.data('ops', { action: 'reconRun', date: day }, 'demo-admin')
      expect(r.differences).toEqual([expect.objectContaining({ kind: 'payment_amount_differs', key: no, amount: 30000, state: 'flagged', storeId: expect.any(String) })])
      expect(r.differences[0].note).toContain('金额不一致')
      expect(await s.count(C.journal)).toBe(journalBefore)
    } finally {
      await database().collection(C.orders).doc(no).update({ data: { pay: 30000 } })
    }
  })

  it('the recon trigger reconciles yesterday only once its bill is out (10:00), and once the day is done reads one document', async () => {
    const tradeDay = addDays(shanghaiDayStart(shanghaiDate(new Date(Date.now() + 6 * DAY_MS))), 0)
    const day = shanghaiDate(tradeDay)
    const who = newOpenid('rt')
    const missed = await at(new Date(tradeDay.getTime() + 12 * 3600_000), () => s.paidButNotNotified(who))
    const nextDay = addDays(tradeDay, 1).getTime()
    const trigger = () => s.stack.cloud.invoke('cron', { Type: 'Timer', TriggerName: 'recon' }, { source: 'wx_trigger' }) as Promise<any>
    const early = await at(new Date(nextDay + 9 * 3600_000 + 59 * 60_000), trigger)
    expect(early.data).toEqual({ day, ran: false, why: 'not_ready' })
    expect((await s.order(missed.order.outTradeNo)).status).toBe('pending')
    const due = await at(new Date(nextDay + 10 * 3600_000 + 60_000), trigger)
    expect(due.data).toEqual({ day, ran: true, state: 'done', flagged: 0, repaired: 1 })
    expect((await s.order(missed.order.outTradeNo)).status).toBe('credited')
    const again = await at(new Date(nextDay + 10 * 3600_000 + 11 * 60_000), trigger)
    expect(again.data).toEqual({ day, ran: false, why: 'done' })
  })

  it('acts on no row of a bill that does not add up to its summary (bill_incomplete), and says so once', async () => {
    const tradeDay = new Date(Date.now() - 5 * DAY_MS)
    const day = shanghaiDate(tradeDay)
    const missed = await at(tradeDay, () => s.paidButNotNotified(newOpenid('ri')))
    const real = pay()
    // a bill whose summary counts one row more than it has (as a cut-off or changed file would)
    const text = tradeBillText([{ transactionId: missed.tx.transaction_id as string, outTradeNo: missed.order.outTradeNo, state: 'SUCCESS', total: '300.00' }]).replace(/`1,`300\.00/, '`2,`300.00')
    const spy = jest.spyOn(payModule, 'pay').mockReturnValue({ cfg: real.cfg, client: { ...real.client, tradeBill: async () => text } })
    try {
      for (let run = 0; run < 2; run++) {
        const r = await s.data('ops', { action: 'reconRun', date: day }, 'demo-admin')
        expect(r).toMatchObject({ state: 'bill_incomplete', repaired: 0, flagged: 1 })
        expect(r.differences).toEqual([expect.objectContaining({ kind: 'bill_incomplete', state: 'flagged', note: expect.stringContaining('账单') })])
      }
      expect((await s.order(missed.order.outTradeNo)).status).toBe('pending')
    } finally {
      spy.mockRestore()
    }
    // the pending order is the sweep's (or a later reconciliation's) to credit; close it out of the way
    const r = await s.data('ops', { action: 'reconRun', date: day }, 'demo-admin')
    expect(r).toMatchObject({ state: 'done', repaired: 1 })
  })

  it('refuses a day whose bill is not out yet, and anyone but headquarters', async () => {
    const today = shanghaiDate(new Date())
    expect((await s.call('ops', { action: 'reconRun', date: today }, 'demo-admin')).error.code).toBe('BILL_NOT_READY')
    expect((await s.call('ops', { action: 'reconRun', date: '2026-02-30' }, 'demo-admin')).error.code).toBe('INVALID_INPUT')
    const yesterdayButOne = shanghaiDate(new Date(Date.now() - 2 * DAY_MS))
    for (const action of ['reconRun', 'reconReport']) {
      expect((await s.call('ops', { action, date: yesterdayButOne }, 'demo-cashier')).error.code).toBe('FORBIDDEN')
      expect((await s.call('ops', { action, date: yesterdayButOne }, 'demo-customer')).error.code).toBe('FORBIDDEN')
    }
    const long = shanghaiDate(new Date(Date.now() - 120 * DAY_MS))
    expect((await s.call('ops', { action: 'reconRun', date: long }, 'demo-admin')).error).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining('三个月内') })
    // an admin of some stores is not headquarters: the bill is the whole merchant's
    await database().collection(C.staff).doc('recon-manager').set({ data: { name: '店长', role: 'store_manager', stores: ['store-xuhui'] } })
    try {
      expect((await s.call('ops', { action: 'reconRun', date: yesterdayButOne }, 'recon-manager')).error.code).toBe('FORBIDDEN')
      expect((await s.call('ops', { action: 'reconReport', date: yesterdayButOne }, 'recon-manager')).error.code).toBe('FORBIDDEN')
    } finally {
      await database().collection(C.staff).doc('recon-manager').remove()
    }
    expect(await s.count(C.recon, { day: yesterdayButOne })).toBe(0)
  })
})
