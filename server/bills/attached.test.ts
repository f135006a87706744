import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { armFault } from '../faults'
import { shiftClock } from '../clock'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { SETTINGS_ID } from '../merchant'
import { freeRule } from '../../domain/offers/free-bill.fixture'
import type { FreeBillRule } from '../../domain/offers/free-bill'
import { fen } from '../../domain/money'

const STORE = 'store-xuhui'
let s: TestStack
useTestStack((started) => (s = started))

let req = 0
const requestId = () => `acc-${++req}-${Date.now().toString(36)}`
const member = async (me: string) => (await database().collection(C.members).doc(me).get()).data as any
const status = (me: string, outTradeNo: string) => s.data('recharge', { action: 'status', outTradeNo }, me)

async function create(me: string, what: Record<string, unknown>) {
  const agreementVersion = await s.agreementVersion(me)
  return s.call('recharge', { action: 'create', agreementVersion, ...what }, me)
}

/** Pays the order at WeChat Pay and lets its notification through; then WeChat Pay sends it again. */
async function payTwice(outTradeNo: string) {
  s.sim.pay(outTradeNo)
  await s.sim.idle()
  expect(s.sim.deliverAgain(outTradeNo)).toBe(true)
  await s.sim.idle()
}

describe('recharge.create with a bill (a recommendation accepted at checkout)', () => {
  it('credits the recharge and pays the bill from the new balance in the same transaction, once, even notified twice', async () => {
    const me = newOpenid('acc')
    const bill = { storeId: STORE, amount: 12_000, requestId: requestId() }
    const order = (await create(me, { planId: 'p1000', bill })).data
    await payTwice(order.outTradeNo)
    const st = await status(me, order.outTradeNo)
    expect(st).toMatchObject({ state: 'credited', billPaymentId: expect.stringMatching(/^pay_/) })
    const receipt = await s.data('checkout', { action: 'receipt', paymentId: st.billPaymentId }, me)
    // priced by the one price with the tier this recharge reached (金卡 9折): what the recommendation promised
    expect(receipt).toMatchObject({ state: 'paid', amount: 12_000, charged: 10_800, storeName: '徐汇店' })
    const credit = order.pay + order.bonus
    expect((await s.balance(me)).total).toBe(credit - 10_800)
    expect(await s.count(C.payments, { openid: me })).toBe(1)
    expect(await s.count(C.journal, { memberId: me, kind: 'spend' })).toBe(1)
    expect((await member(me)).lots[0]).toMatchObject({ redeemed: 10_800 })
    // the same bill again at the counter is the same payment: never paid twice
    expect((await s.data('checkout', { action: 'pay', storeId: STORE, amount: 12_000, requestId: bill.requestId }, me)).paymentId).toBe(st.billPaymentId)
    expect((await s.balance(me)).total).toBe(credit - 10_800)
    // and a recharge for a bill already paid is refused before anything is written
    expect((await create(me, { planId: 'p300', bill })).error.code).toBe('INVALID_INPUT')
    expect(await s.count(C.orders, { openid: me })).toBe(1)
  })

  it('a crash in the crediting transaction while paying the bill credits nothing; the retry credits and pays once', async () => {
    const me = newOpenid('acc')
    const order = (await create(me, { planId: 'p300', bill: { storeId: STORE, amount: 5_000, requestId: requestId() } })).data
    armFault('spend:journal')
    s.sim.pay(order.outTradeNo)
    await s.sim.idle()
    const st = await status(me, order.outTradeNo)
    expect(st.billPaymentId).toMatch(/^pay_/)
    const { charged } = await s.data('checkout', { action: 'receipt', paymentId: st.billPaymentId }, me)
    expect((await s.balance(me)).total).toBe(order.pay + order.bonus - charged)
    expect(await s.count(C.payments, { openid: me })).toBe(1)
    expect(await s.count(C.journal, { memberId: me })).toBe(2) // the recharge and the spend
  })

  it('a bill that cannot be paid at credit time leaves the recharge credited, billPaymentId null with the reason', async () => {
    const me = newOpenid('acc')
    const first = (await create(me, { planId: 'p300' })).data
    s.sim.pay(first.outTradeNo)
    await s.sim.idle()
    // ¥350 + ¥350 covers ¥600 at create; the member then spends ¥350 before paying the recharge
    const order = (await create(me, { planId: 'p300', bill: { storeId: STORE, amount: 60_000, requestId: requestId() } })).data
    expect((await s.call('checkout', { action: 'pay', storeId: STORE, amount: 35_000, requestId: requestId() }, me)).ok).toBe(true)
    const left = (await s.balance(me)).total
    s.sim.pay(order.outTradeNo)
    await s.sim.idle()
    const st = await status(me, order.outTradeNo)
    expect(st).toMatchObject({ state: 'credited', billPaymentId: null, billFailure: expect.stringContaining('余额不足') })
    expect((await s.balance(me)).total).toBe(left + order.pay + order.bonus)
  })

  it('refuses at create, writing nothing: a bill the new balance cannot pay, an unknown store, a bill already paid, freeBill without a bill', async () => {
    const me = newOpenid('acc')
    expect((await create(me, { planId: 'p300', bill: { storeId: STORE, amount: 40_000, requestId: requestId() } })).error.code).toBe('INSUFFICIENT_BALANCE')
    expect((await create(me, { planId: 'p300', bill: { storeId: 'store-nowhere', amount: 100, requestId: requestId() } })).error.code).toBe('STORE_NOT_FOUND')
    expect((await create(me, { amount: 5_000, freeBill: true })).error.code).toBe('INVALID_INPUT')
    expect((await create(me, { planId: 'p300', bill: { storeId: STORE, amount: 100, requestId: 'bad id!' } })).error.code).toBe('INVALID_INPUT')
    expect(await s.count(C.orders, { openid: me })).toBe(0)
  })
})

/** Runs `fn` with the merchant's free-bill rules set to `rules`; the settings are restored afterwards. */
async function withFreeBills<T>(rules: FreeBillRule[], fn: () => Promise<T>): Promise<T> {
  const ref = database().collection(C.settings).doc(SETTINGS_ID)
  await ref.update({ data: { freeBills: rules } })
  try {
    return await fn()
  } finally {
    await ref.update({ data: { freeBills: [] } })
  }
}

describe('充值免单', () => {
  it('the bill is the store promotion cost: charged 0, the whole recharge stays principal, budget and member use counted', async () => {
    const rule = freeRule({ id: `fb-${requestId()}`, multiple: 5, storeBudget: fen(100_000), perMemberLimit: 1 })
    await withFreeBills([rule], async () => {
      const me = newOpenid('fb')
      const bill = { storeId: STORE, amount: 8_000, requestId: requestId() }
      // checkout.quote recommends it: what it costs now and what it saves
      const q = await s.data('checkout', { action: 'quote', storeId: STORE, amount: 8_000 }, me)
      expect(q.recommendations).toContainEqual(expect.objectContaining({ kind: 'free_bill', ruleId: rule.id, pay: 40_000, free: 8_000, savesToday: 8_000 }))
      const order = (await create(me, { amount: 40_000, bill, freeBill: true })).data
      expect(order).toMatchObject({ pay: 40_000, bonus: 0 })
      await payTwice(order.outTradeNo)
      const st = await status(me, order.outTradeNo)
      expect(st.billPaymentId).toMatch(/^pay_/)
      expect(await s.data('checkout', { action: 'receipt', paymentId: st.billPaymentId }, me)).toMatchObject({ state: 'paid', amount: 8_000, charged: 0, free: { outTradeNo: order.outTradeNo } })
      expect(await s.balance(me)).toMatchObject({ principal: 40_000, bonus: 0, total: 40_000 })
      const posting = (await database().collection(C.journal).doc(`free-bill:${st.billPaymentId}`).get()).data as any
      expect(posting.entries.map((e: any) => [e.kind, e.amount])).toEqual([['store_promo', -8_000], ['store_revenue', 8_000]])
      const items = (await s.data('wallet', { action: 'history' }, me)).items
      expect(items.find((i: any) => i.id === posting._id)).toMatchObject({ kind: 'spend', title: '徐汇店 免单', amount: 0 })
      expect(((await database().collection(C.bills).doc(`fb-store:${rule.id}:${STORE}`).get()).data as any).used).toBe(8_000)
      // the member's limit (1) is used: a second free bill is refused, nothing written
      const again = await create(me, { amount: 40_000, bill: { ...bill, requestId: requestId() }, freeBill: true })
      expect(again.error.code).toBe('FREE_BILL_UNAVAILABLE')
      expect(await s.count(C.orders, { openid: me })).toBe(1)
    })
  })

  it('a recharge below N × the bill is refused; an unpaid free-bill order that closes gives its budget and use back', async () => {
    const rule = freeRule({ id: `fb-${requestId()}`, multiple: 5, storeBudget: fen(8_000), perMemberLimit: 1 })
    await withFreeBills([rule], async () => {
      const me = newOpenid('fb')
      const bill = { storeId: STORE, amount: 8_000, requestId: requestId() }
      expect((await create(me, { amount: 39_999, bill, freeBill: true })).error.code).toBe('INVALID_INPUT')
      const order = (await create(me, { amount: 40_000, bill, freeBill: true })).data
      // the whole budget is held: another member is refused meanwhile
      expect((await create(newOpenid('fb'), { amount: 40_000, bill: { ...bill, requestId: requestId() }, freeBill: true })).error.code).toBe('FREE_BILL_UNAVAILABLE')
      shiftClock(40 * 60_000)
      await s.stack.cloud.invoke('cron', {}, { source: 'wx_trigger' })
      shiftClock(0)
      expect((await s.order(order.outTradeNo)).status).toBe('closed')
      const other = await create(newOpenid('fb'), { amount: 40_000, bill: { ...bill, requestId: requestId() }, freeBill: true })
      expect(other.ok).toBe(true)
      s.sim.pay(other.data.outTradeNo)
      await s.sim.idle()
    })
  })

  it.each(['free:use', 'free:journal', 'free:payment'])('a crash at %s while giving the bill: WeChat Pay retries, the bill is given once', async (point) => {
    const rule = freeRule({ id: `fb-${requestId()}`, multiple: 2, storeBudget: fen(50_000), perMemberLimit: 1 })
    await withFreeBills([rule], async () => {
      const me = newOpenid('fb')
      const order = (await create(me, { amount: 10_000, bill: { storeId: STORE, amount: 5_000, requestId: requestId() }, freeBill: true })).data
      armFault(point)
      s.sim.pay(order.outTradeNo)
      await s.sim.idle()
      expect((await status(me, order.outTradeNo)).billPaymentId).toMatch(/^pay_/)
      expect(((await database().collection(C.bills).doc(`fb-store:${rule.id}:${STORE}`).get()).data as any).used).toBe(5_000)
      expect(((await database().collection(C.bills).doc(`fb-member:${rule.id}:${me}`).get()).data as any).count).toBe(1)
      expect(await s.count(C.journal, { memberId: me, kind: 'free_bill' })).toBe(1)
      expect(await s.balance(me)).toMatchObject({ principal: 10_000, bonus: 0 })
    })
  })

  it('20 members at once on a budget of 3 bills: exactly 3 orders hold it, and paying them all stays within the budget', async () => {
    const rule = freeRule({ id: `fb-${requestId()}`, multiple: 2, storeBudget: fen(15_000), perMemberLimit: 1 })
    await withFreeBills([rule], async () => {
      const members = Array.from({ length: 20 }, () => newOpenid('fb'))
      const version = await s.agreementVersion(members[0])
      const outcome = new Map<string, any>()
      let todo = members
      // a call still conflicting after the server's retries is sent again, as the app does (bounded: 20 rounds)
      for (let round = 0; round < 20 && todo.length; round++) {
        const results = await Promise.all(
          todo.map((me) => s.call('recharge', { action: 'create', agreementVersion: version, amount: 10_000, bill: { storeId: STORE, amount: 5_000, requestId: `same-bill-${me}` }, freeBill: true }, me))
        )
        todo = todo.filter((me, k) => {
          const r = results[k]
          if (!r.ok && r.error.code === 'CONFLICT') return true
          outcome.set(me, r)
          return false
        })
      }
      expect(todo).toEqual([])
      const created = [...outcome.entries()].filter(([, r]) => r.ok)
      expect(created).toHaveLength(3)
      expect([...outcome.values()].filter((r) => !r.ok).every((r) => r.error.code === 'FREE_BILL_UNAVAILABLE')).toBe(true)
      for (const [, r] of created) s.sim.pay(r.data.outTradeNo)
      await s.sim.idle()
      const budget = (await database().collection(C.bills).doc(`fb-store:${rule.id}:${STORE}`).get()).data as any
      expect(budget.used).toBe(15_000)
      for (const [me, r] of created) expect((await status(me, r.data.outTradeNo)).billPaymentId).toMatch(/^pay_/)
    })
  })
})
