import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { shiftClock } from '../clock'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'

/**
 * The balance cap (domain rules A3, 5,000元 with bonus counted) holds against unpaid orders:
 * each holds its room from creation until it is credited or closed, and identical creates share
 * one order. Demo offers: p300 充300送50, p1000 充1000送200 (+20 for a new member, once), custom
 * amounts 10–5000元 with 每满100送5.
 */
const CAP = 500_000

let s: TestStack
useTestStack((started) => (s = started))

const create = async (openid: string, what: { planId?: string; amount?: number }) =>
  s.call('recharge', { action: 'create', ...what, agreementVersion: await s.agreementVersion(openid) }, openid)
const orders = async (openid: string) => (await database().collection(C.orders).where({ openid }).limit(100).get()).data as any[]

/** Pays every order WeChat still lets the member pay, and waits for the notifications. */
async function payAll(outTradeNos: string[]) {
  for (const no of new Set(outTradeNos)) if (s.sim.orders.get(no)?.tradeState === 'NOTPAY') s.sim.pay(no)
  await s.sim.idle()
}

async function stored(openid: string, planId = 'p1000', times = 1) {
  for (let i = 0; i < times; i++) {
    const o = await s.createOrder(openid, { planId })
    s.sim.pay(o.outTradeNo)
    await s.sim.idle()
  }
}

describe('unpaid orders hold their room under the cap', () => {
  const mixes: Array<[string, (i: number) => { planId?: string; amount?: number }]> = [
    ['plans', (i) => ({ planId: i % 2 ? 'p300' : 'p1000' })],
    ['custom amounts', (i) => ({ amount: 100_000 + i })],
    ['plans and custom amounts', (i) => (i % 3 === 0 ? { planId: 'p1000' } : i % 3 === 1 ? { planId: 'p300' } : { amount: 150_000 + i })]
  ]
  for (const newMember of [true, false]) {
    for (const [name, what] of mixes) {
      it(`30 concurrent creates (${name}, ${newMember ? 'new member: with the welcome campaign' : 'member: no campaign'}), then paying every order returned, never pass the cap`, async () => {
        const me = newOpenid('cap')
        if (!newMember) await stored(me, 'p300')
        const results = await Promise.all(Array.from({ length: 30 }, (_, i) => create(me, what(i))))
        for (const r of results) if (!r.ok) expect(['BALANCE_CAP_EXCEEDED', 'CAMPAIGN_LIMIT_REACHED', 'CONFLICT']).toContain(r.error.code)
        const returned = results.filter((r) => r.ok).map((r) => r.data.outTradeNo as string)
        expect(returned.length).toBeGreaterThan(0)

        await payAll(returned)
        const balance = await s.balance(me)
        expect(balance.total).toBeLessThanOrEqual(CAP)
        // every order returned was credited, or replaced (closed at WeChat Pay before it could be
        // paid) by a concurrent create that needed its campaign; none needed review: the holds made the room
        for (const o of await orders(me)) if (returned.includes(o._id)) expect(['credited', 'closed']).toContain(o.status)
        expect((await orders(me)).filter((o) => o.status === 'review')).toEqual([])
        const credited = (await orders(me)).filter((o) => o.status === 'credited')
        expect(balance.total).toBe(credited.reduce((sum, o) => sum + o.pay + o.bonus, 0))
        expect(credited.filter((o) => o.campaignIds.includes('c-newmember')).length).toBeLessThanOrEqual(1)
      })
    }
  }

  it('three custom orders of 2,000元 in a row: the third is refused while the first two are unpaid', async () => {
    const me = newOpenid('cap')
    await stored(me, 'p300') // a member: no welcome campaign to replace orders by
    const first = await create(me, { amount: 200_000 })
    const second = await create(me, { amount: 200_001 })
    expect(first.ok && second.ok).toBe(true)
    const third = await create(me, { amount: 200_002 })
    expect(third.ok).toBe(false)
    expect(third.error).toEqual({ code: 'BALANCE_CAP_EXCEEDED', message: '余额上限¥5000.00（含赠送金额），您有待支付的充值订单占用了额度，请先完成支付，或待订单失效后再试' })
    const offer = await s.data('recharge', { action: 'plans' }, me)
    // ¥350 stored and 2 × (2,000 + 送100) held: ¥449.99 of room, so 充429.99 送20 is the most that fits
    expect(offer.cap).toMatchObject({ balance: 35_000, held: 420_001, room: 44_999, maxPay: 42_999 })
    expect(offer.plans.find((p: any) => p.id === 'p1000').fitsCap).toBe(false)
    expect(offer.plans.find((p: any) => p.id === 'p300').fitsCap).toBe(true)

    await payAll([first.data.outTradeNo, second.data.outTradeNo])
    expect((await s.balance(me)).total).toBe(455_001)
  })

  it('an order replaced by a newer one gives its room back at once', async () => {
    const me = newOpenid('cap')
    const first = await s.createOrder(me, { planId: 'p1000' }) // holds 1,220 and the welcome campaign
    // needs the welcome campaign too, so it replaces the first order (docs/offers.md)
    const second = await s.createOrder(me, { amount: 300_000 })
    expect((await s.order(first.outTradeNo)).status).toBe('closed')
    // only the second order's 3,000 + 送150 + 20 is held now
    expect((await s.data('recharge', { action: 'plans' }, me)).cap).toMatchObject({ held: 317_000, room: 183_000 })
    s.sim.pay(second.outTradeNo)
    await s.sim.idle()
    expect((await s.balance(me)).total).toBe(317_000)
    expect((await s.data('recharge', { action: 'plans' }, me)).cap).toMatchObject({ balance: 317_000, held: 0, room: 183_000 })
  })

  it('a closed order gives its room back', async () => {
    const me = newOpenid('cap')
    const big = await s.createOrder(me, { amount: 450_000 })
    expect((await create(me, { planId: 'p1000' })).error.code).toBe('BALANCE_CAP_EXCEEDED')
    shiftClock(40 * 60_000)
    await s.stack.cloud.invoke('cron', {}, { source: 'wx_trigger' })
    expect((await s.order(big.outTradeNo)).status).toBe('closed')
    expect((await s.data('recharge', { action: 'plans' }, me)).cap).toMatchObject({ held: 0, room: CAP })
    const p1000 = await s.createOrder(me, { planId: 'p1000' })
    s.sim.pay(p1000.outTradeNo)
    await s.sim.idle()
    expect((await s.order(p1000.outTradeNo)).status).toBe('credited')
  })
})

describe('a payment for an order whose room was released', () => {
  /** WeChat took the money although we had closed the order (say its JSAPI call timed out after WeChat placed it). */
  async function closedHere(openid: string, what: { planId?: string; amount?: number }) {
    const o = await s.createOrder(openid, what)
    const db = database()
    await db.collection(C.orders).doc(o.outTradeNo).update({ data: { status: 'closed', closedAt: new Date(), closeReason: 'test' } })
    await db.collection(C.members).doc(openid).update({ data: { [`capHolds.${o.outTradeNo}`]: db.command.remove() } })
    for (const id of (await s.order(o.outTradeNo)).campaignIds) {
      await db.collection(C.campaignUses).doc(`${openid}:${id}`).update({ data: { [`holds.${o.outTradeNo}`]: db.command.remove() } })
    }
    return o
  }

  it("is flagged for review when a limited campaign it carries was used by another order meanwhile", async () => {
    const me = newOpenid('late')
    const late = await closedHere(me, { planId: 'p1000' }) // carried the welcome campaign (once per member)
    const other = await s.createOrder(me, { planId: 'p1000' }) // free to carry it again
    expect(other.bonus).toBe(22_000)
    await payAll([other.outTradeNo, late.outTradeNo])
    expect((await s.order(other.outTradeNo)).status).toBe('credited')
    expect(await s.order(late.outTradeNo)).toMatchObject({ status: 'review', reviewReason: expect.stringContaining('used up') })
    expect((await s.balance(me)).total).toBe(122_000)
  })

  it('is credited when it still fits under the cap', async () => {
    const me = newOpenid('late')
    const o = await closedHere(me, { planId: 'p300' })
    s.sim.pay(o.outTradeNo)
    await s.sim.idle()
    expect((await s.order(o.outTradeNo)).status).toBe('credited')
    expect((await s.balance(me)).total).toBe(35_000)
  })

  it('is flagged for review, not credited, when it would pass the cap', async () => {
    const me = newOpenid('late')
    await stored(me, 'p300')
    const late = await closedHere(me, { amount: 300_000 })
    const other = await s.createOrder(me, { amount: 300_000 + 1 }) // takes the released room
    await payAll([other.outTradeNo, late.outTradeNo])
    expect((await s.order(other.outTradeNo)).status).toBe('credited')
    const flagged = await s.order(late.outTradeNo)
    expect(flagged).toMatchObject({ status: 'review', reviewReason: expect.stringContaining('exceed the cap') })
    expect((await s.balance(me)).total).toBe(35_000 + 300_001 + 15_000)
  })
})

describe('identical creates share one payable order', () => {
  for (const what of [{ planId: 'p300' }, { amount: 123_400 }]) {
    it(`30 creates of ${JSON.stringify(what)} at once give one order, handed to all`, async () => {
      const me = newOpenid('same')
      const results = await Promise.all(Array.from({ length: 30 }, () => create(me, what)))
      const ok = results.filter((r) => r.ok)
      for (const r of results) if (!r.ok) expect(r.error.code).toBe('CONFLICT')
      expect(ok.length).toBeGreaterThanOrEqual(25)
      expect(new Set(ok.map((r) => r.data.outTradeNo)).size).toBe(1)
      expect(new Set(ok.map((r) => r.data.payment.package)).size).toBe(1)
      expect((await orders(me)).filter((o) => o.status === 'pending')).toHaveLength(1)
    })
  }

  it('with under 5 minutes left to pay it, the identical order is closed and a new one made in its room', async () => {
    const me = newOpenid('same')
    const old = await s.createOrder(me, { planId: 'p300' })
    shiftClock(26 * 60_000) // 30-minute orders: 4 minutes left
    const fresh = await s.createOrder(me, { planId: 'p300' })
    expect(fresh.outTradeNo).not.toBe(old.outTradeNo)
    expect(await s.order(old.outTradeNo)).toMatchObject({ status: 'closed', closeReason: 'replaced by a newer order' })
    expect(s.sim.orders.get(old.outTradeNo)?.tradeState).toBe('CLOSED')
    expect((await s.data('recharge', { action: 'plans' }, me)).cap).toMatchObject({ held: 35_000 })
  })

  it('another store or amount is another order', async () => {
    const me = newOpenid('same')
    const a = await s.createOrder(me, { planId: 'p300' })
    const b = await s.createOrder(me, { planId: 'p300', storeId: 'store-xuhui' } as any)
    const c = await s.createOrder(me, { amount: 30_000 })
    expect(new Set([a.outTradeNo, b.outTradeNo, c.outTradeNo]).size).toBe(3)
  })
})

describe('the largest amount that can be paid now (cap.maxPay)', () => {
  it('with ¥350 stored: ¥4430 is accepted by create, one fen more is refused naming ¥4430', async () => {
    const me = newOpenid('max')
    await stored(me, 'p300')
    const { cap } = await s.data('recharge', { action: 'plans' }, me)
    expect(cap).toMatchObject({ limit: CAP, balance: 35_000, held: 0, room: 465_000, maxPay: 443_000 })
    const over = await create(me, { amount: cap.maxPay + 1 })
    expect(over.error).toEqual({ code: 'BALANCE_CAP_EXCEEDED', message: '余额上限¥5000.00（含赠送金额），本次充值到账后将超出，当前最多还可充值¥4430.00' })
    const ok = await s.createOrder(me, { amount: cap.maxPay })
    s.sim.pay(ok.outTradeNo)
    await s.sim.idle()
    expect((await s.balance(me)).total).toBe(CAP)
  })

  it('a new member: the welcome campaign counts, so ¥4745 and not ¥5000', async () => {
    const me = newOpenid('max')
    const { cap, plans } = await s.data('recharge', { action: 'plans' }, me)
    expect(cap.maxPay).toBe(474_500)
    expect(plans.every((p: any) => p.fitsCap)).toBe(true)
    expect((await create(me, { amount: 474_501 })).error.code).toBe('BALANCE_CAP_EXCEEDED')
    expect((await create(me, { amount: 474_500 })).ok).toBe(true)
  })
})
