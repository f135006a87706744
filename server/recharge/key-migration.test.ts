/**
 * A merchant's week of switching from platform certificates to the WeChat Pay public key
 * (pay.weixin.qq.com/doc/v3/merchant/4012154180): configured with both keys, it keeps crediting
 * while WeChat Pay signs with the certificate, then with either key, then with the public key
 * only; a notification delivered once signed by each key credits exactly once.
 */
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { COLLECTIONS as C } from '../db/indexes'
import type { SimKeyMode } from '../../local/wechatpay-sim/simulator'
import { certificateSerial } from '../wechatpay/config'
import { armFault } from '../faults'
import type { CreatedOrder } from '../../contracts/api'

let s: TestStack
useTestStack((started) => (s = started), { payKeyMode: 'migrating' })
afterEach(() => s.sim.setKeyMode('migrating'))

const serialOf = (n: { headers: Record<string, string> }) => n.headers['Wechatpay-Serial']

describe('switching from platform certificates to the WeChat Pay public key', () => {
  it('the merchant side trusts both keys and asks WeChat Pay for public-key answers', () => {
    expect(process.env.WECHATPAY_PLATFORM_CERTIFICATES).toContain('-----BEGIN CERTIFICATE-----')
    expect(process.env.WECHATPAY_PLATFORM_PUBLIC_KEY_ID).toMatch(/^PUB_KEY_ID_/)
  })

  it.each<[string, SimKeyMode]>([
    ['before the switch (certificate)', 'certificate'],
    ['during the switch (either key)', 'migrating'],
    ['after the switch (public key)', 'publicKey']
  ])('%s: create, pay, notification, status all work and credit once', async (_phase, mode) => {
    s.sim.setKeyMode(mode)
    const me = newOpenid()
    const order = await s.createOrder(me, { planId: 'p300' })
    s.sim.pay(order.outTradeNo)
    await s.sim.idle()
    s.sim.deliverAgain(order.outTradeNo)
    await s.sim.idle()
    const status = await s.data('recharge', { action: 'status', outTradeNo: order.outTradeNo }, me)
    expect(status.state).toBe('credited')
    expect(status.balance).toMatchObject({ principal: 30000, total: 30000 + order.bonus })
    expect(await s.count(C.journal, { memberId: me })).toBe(1)
    // every delivery of the event was taken (2xx), whichever key signed it
    const mine = s.sim.deliveries.filter((d) => d.key === order.outTradeNo)
    expect(mine.map((d) => d.status)).toEqual([204, 204])
  })

  it('one event signed by the certificate and again by the public key credits exactly once', async () => {
    const me = newOpenid()
    const { order, tx } = await s.withDelivery(async () => {
      const created = await s.createOrder(me, { planId: 'p300' })
      return { order: created, tx: s.sim.pay(created.outTradeNo) }
    })
    const first = s.sim.signedNotification(tx)
    const second = s.sim.signedNotification(tx)
    expect(new Set([serialOf(first), serialOf(second)]).size).toBe(2)
    const statuses = await Promise.all([first, second, first, second].map((n) => s.postNotify(n)))
    expect(statuses).toEqual([204, 204, 204, 204])
    expect(await s.balance(me)).toMatchObject({ principal: 30000, total: 30000 + order.bonus })
    expect(await s.count(C.journal, { memberId: me })).toBe(1)
    // one lot: the credited order is its record, the member document keeps what is left of it
    expect(await s.count(C.orders, { openid: me, status: 'credited' })).toBe(1)
  })

  it('a week of orders, notified by both keys and retried after a failure, credits each exactly once', async () => {
    const members = Array.from({ length: 6 }, () => newOpenid('mig'))
    const orders: CreatedOrder[] = []
    for (const me of members) orders.push(await s.createOrder(me, { amount: 10_000 }))
    // the first crediting attempt fails: WeChat Pay retries it, signed afresh
    armFault('credit:journal')
    for (const o of orders) s.sim.pay(o.outTradeNo)
    await s.sim.idle()
    for (const o of orders) s.sim.deliverAgain(o.outTradeNo)
    await s.sim.idle()
    const ours = s.sim.deliveries.filter((d) => orders.some((o) => o.outTradeNo === d.key))
    expect(new Set(ours.map((d) => d.serial))).toEqual(new Set([process.env.WECHATPAY_PLATFORM_PUBLIC_KEY_ID, certificateSerialFromEnv()]))
    expect(ours.filter((d) => d.status === 500)).toHaveLength(1)
    for (const [i, me] of members.entries()) {
      expect(await s.count(C.journal, { memberId: me })).toBe(1)
      expect((await s.order(orders[i].outTradeNo)).status).toBe('credited')
      expect((await s.balance(me)).principal).toBe(10_000)
    }
  })
})

function certificateSerialFromEnv(): string {
  return certificateSerial(process.env.WECHATPAY_PLATFORM_CERTIFICATES as string)
}
