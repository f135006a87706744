import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { shiftClock } from '../clock'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'

// The demo campaign c-newmember: +20元 for a new member's first recharge of 1000元 or more
// (plan p1000 or a custom amount), once per member.
const WELCOME = 'c-newmember'

let s: TestStack
useTestStack((started) => (s = started))


const use = async (openid: string) => (await database().collection(C.campaignUses).where({ openid, campaignId: WELCOME }).get()).data[0] as any
const orders = async (openid: string) => (await database().collection(C.orders).where({ openid }).get()).data as any[]
const create = async (openid: string, what: { planId?: string; amount?: number }) =>
  s.call('recharge', { action: 'create', ...what, agreementVersion: await s.agreementVersion(openid) }, openid)

describe('a limit-1 campaign is paid out once per member', () => {
  it('orders created at the same moment: only one payable order carries it, and paying all of them credits it once', async () => {
    const me = newOpenid('cl')
    const results = await Promise.all([create(me, { planId: 'p1000' }), create(me, { amount: 100000 }), create(me, { amount: 150000 }), create(me, { amount: 200000 })])
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('CAMPAIGN_LIMIT_REACHED')
    expect(results.some((r) => r.ok)).toBe(true)

    const pending = (await orders(me)).filter((o) => o.status === 'pending')
    expect(pending.filter((o) => o.campaignIds.includes(WELCOME))).toHaveLength(1)

    // the member pays every order WeChat still lets them pay
    for (const o of pending) if (s.sim.orders.get(o._id)?.tradeState === 'NOTPAY') s.sim.pay(o._id)
    await s.sim.idle()
    const credited = (await orders(me)).filter((o) => o.status === 'credited')
    expect(credited.length).toBeGreaterThanOrEqual(1)
    expect(credited.reduce((sum, o) => sum + o.campaignBonus, 0)).toBe(2000)
    expect(await use(me)).toMatchObject({ count: 1, holds: {} })
  })

  it('closing the payment sheet and tapping pay again hands back the same order, campaign included', async () => {
    const me = newOpenid('cl')
    const first = await s.createOrder(me, { planId: 'p1000' })
    const again = await s.createOrder(me, { planId: 'p1000' })
    expect(again.outTradeNo).toBe(first.outTradeNo)
    expect(again).toMatchObject({ pay: 100000, bonus: 22000 })
    expect(again.payment.package).toBe(first.payment.package)
    expect(await orders(me)).toHaveLength(1)

    s.sim.pay(again.outTradeNo)
    await s.sim.idle()
    expect(await s.balance(me)).toMatchObject({ principal: 100000, bonus: 22000 })
  })

  it('choosing another amount replaces the unpaid order that holds the campaign', async () => {
    const me = newOpenid('cl')
    const first = await s.createOrder(me, { planId: 'p1000' })
    const second = await s.createOrder(me, { amount: 150000 })
    expect(second.outTradeNo).not.toBe(first.outTradeNo)

    expect(await s.order(first.outTradeNo)).toMatchObject({ status: 'closed', closeReason: 'replaced by a newer order' })
    expect(s.sim.orders.get(first.outTradeNo)?.tradeState).toBe('CLOSED')
    expect((await s.order(second.outTradeNo)).campaignIds).toEqual([WELCOME])
    expect(Object.keys((await use(me)).holds)).toEqual([second.outTradeNo])

    s.sim.pay(second.outTradeNo)
    await s.sim.idle()
    expect(await use(me)).toMatchObject({ count: 1, holds: {} })
    expect((await s.balance(me)).principal).toBe(150000)
  })

  it('a held order that turns out to be paid is credited, and the next order is priced without the campaign', async () => {
    const me = newOpenid('cl')
    const first = await s.withDelivery(async () => {
      const order = await s.createOrder(me, { planId: 'p1000' })
      s.sim.pay(order.outTradeNo)
      return order
    })

    const second = await s.createOrder(me, { amount: 150000 })
    expect((await s.order(first.outTradeNo)).status).toBe('credited')
    expect((await s.order(second.outTradeNo)).campaignIds).toEqual([])
    expect(await use(me)).toMatchObject({ count: 1, holds: {} })
    expect(await s.balance(me)).toMatchObject({ principal: 100000, bonus: 22000 })
  })

  it('an order closed at expiry gives its hold back, so the next order carries the campaign', async () => {
    const me = newOpenid('cl')
    const first = await s.createOrder(me, { planId: 'p1000' })
    shiftClock(40 * 60_000)
    await s.stack.cloud.invoke('cron', {}, { source: 'wx_trigger' })
    expect((await s.order(first.outTradeNo)).status).toBe('closed')
    expect(await use(me)).toMatchObject({ count: 0, holds: {} })

    const next = await s.createOrder(me, { planId: 'p1000' })
    expect(next.outTradeNo).not.toBe(first.outTradeNo)
    expect(next.bonus).toBe(22000)
  })

  it('a hold past its order’s expiry no longer counts, even when nothing released it', async () => {
    const me = newOpenid('cl')
    const first = await s.createOrder(me, { planId: 'p1000' })
    shiftClock(33 * 60_000) // past 30 min expiry + 2 min grace; cron has not run
    const next = await s.createOrder(me, { amount: 150000 })
    expect((await s.order(next.outTradeNo)).campaignIds).toEqual([WELCOME])
    // the stale hold was dropped when the new one was taken; the old order is still the sweeper's
    expect(Object.keys((await use(me)).holds)).toEqual([next.outTradeNo])
    expect((await s.order(first.outTradeNo)).status).toBe('pending')
  })

  it('once the campaign is credited, later orders are priced without it', async () => {
    const me = newOpenid('cl')
    const first = await s.createOrder(me, { planId: 'p1000' })
    s.sim.pay(first.outTradeNo)
    await s.sim.idle()
    // c-newmember is for new members only, so a member's quote no longer carries it at all
    const next = await s.createOrder(me, { amount: 150000 })
    expect((await s.order(next.outTradeNo)).campaignIds).toEqual([])
    expect(await use(me)).toMatchObject({ count: 1 })
  })
})
