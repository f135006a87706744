import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { armFault } from '../faults'
import { shiftClock } from '../clock'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { reconcileLedger } from '../ledger/reconcile'
import { creditedRechargesOfDay } from '../recon/ledger-side'
import { shanghaiDate } from '../../domain/time'
import { couponId } from '../../domain/members'
import { recharge } from '../members/test-kit'

const STORE = 'store-xuhui'
let s: TestStack
useTestStack((started) => (s = started))

async function memberWith(planId = 'p300') {
  const me = newOpenid('mx')
  const order = await s.createOrder(me, { planId })
  s.sim.pay(order.outTradeNo)
  await s.sim.idle()
  const b = await s.balance(me)
  return { me, total: b.total as number, principal: b.principal as number, bonus: b.bonus as number }
}

let req = 0
const requestId = () => `mix-${++req}-${Date.now().toString(36)}`
const payMixed = (me: string, amount: number, id = requestId()) => s.call('checkout', { action: 'pay', storeId: STORE, amount, requestId: id, rest: 'wechat' }, me)
const member = async (me: string) => (await database().collection(C.members).doc(me).get()).data as any
const journal = async (id: string) => (await database().collection(C.journal).doc(id).get()).data as any
const receipt = (me: string, paymentId: string) => s.data('checkout', { action: 'receipt', paymentId }, me)

describe("checkout.pay rest: 'wechat'", () => {
  it('holds the balance part at once, and when WeChat Pay is paid settles both parts once: spend from the hold, the rest as sales cash', async () => {
    const { me, total, principal, bonus } = await memberWith()
    const before = await member(me)
    const r = await payMixed(me, total * 2)
    expect(r.ok).toBe(true)
    const p = r.data
    // the one price (tier discount included); the balance pays all it holds, WeChat Pay the rest
    const rest = p.amount - p.discount - total
    expect(rest).toBeGreaterThan(0)
    expect(p).toMatchObject({ state: 'awaiting_wechat_pay', amount: total * 2, charged: total, principal, bonus, balance: { total: 0 }, wechat: { amount: rest } })
    expect(p.wechat.payParams).toMatchObject({ package: expect.stringMatching(/^prepay_id=/) })
    // held: not spendable, not yet the store's
    expect(await s.balance(me)).toMatchObject({ total: 0 })
    const held = await member(me)
    expect(held.spendHeld).toBe(total)
    expect(held.spendHolds[p.paymentId]).toMatchObject({ principal, bonus, outTradeNo: p.wechat.outTradeNo })
    expect(held.lots[0]).toMatchObject({ principalLeft: 0, bonusLeft: 0, redeemed: 0 })
    expect(await s.order(p.wechat.outTradeNo)).toMatchObject({ kind: 'bill', paymentId: p.paymentId, status: 'pending', pay: rest })
    expect(await s.count(C.journal, { _id: `spend:${p.paymentId}` })).toBe(0)
    await s.expectLedgerConsistent()
    // a hold that loses its record (or its account) is found by reconcile
    const ref = database().collection(C.members).doc(me)
    try {
      await ref.update({ data: { [`spendHolds.${p.paymentId}.bonus`]: bonus + 1 } })
      expect((await reconcileLedger()).violations).toContainEqual({ kind: 'spend_hold_mismatch', openid: me, account: total, holds: total + 1 })
    } finally {
      await ref.update({ data: { [`spendHolds.${p.paymentId}.bonus`]: bonus } })
    }

    s.sim.pay(p.wechat.outTradeNo)
    await s.sim.idle()
    const paid = await receipt(me, p.paymentId)
    // points on what the balance paid, earned once it is spent (1 per whole yuan, no boost on p300)
    expect(paid).toMatchObject({ state: 'paid', charged: total, pointsEarned: Math.floor(total / 100), wechat: { outTradeNo: p.wechat.outTradeNo, amount: rest, payParams: null } })
    expect(p.pointsEarned).toBe(0)
    expect((await member(me)).points).toBe(Math.floor(total / 100))
    const after = await member(me)
    expect(after.spendHeld).toBe(0)
    expect(after.spendHolds).toEqual({})
    expect(after.lots[0]).toMatchObject({ principalLeft: 0, bonusLeft: 0, redeemed: before.lots[0].pay + before.lots[0].bonus })
    const spend = await journal(`spend:${p.paymentId}`)
    // revenue per lot at its paid ratio (D4): the whole lot spent recognises exactly what it paid
    expect(spend.entries.find((e: any) => e.kind === 'store_revenue').amount).toBe(principal)
    expect(spend.entries.find((e: any) => e.kind === 'member_spend_hold').amount).toBe(-total)
    const sale = await journal(`sale:${p.wechat.outTradeNo}`)
    expect(sale.entries.map((e: any) => [e.kind, e.amount])).toEqual([['store_sales_cash', -rest], ['store_revenue', rest]])
    expect(await s.order(p.wechat.outTradeNo)).toMatchObject({ status: 'paid', journalId: `sale:${p.wechat.outTradeNo}` })
    // reconciliation with WeChat Pay's trade bill finds this payment among ours (server/recon)
    expect(await creditedRechargesOfDay(shanghaiDate(new Date()))).toContainEqual(expect.objectContaining({ outTradeNo: p.wechat.outTradeNo, amount: rest }))
    // the member's history shows the bill once, as a spend at the store
    const items = (await s.data('wallet', { action: 'history' }, me)).items
    expect(items.filter((i: any) => i.kind === 'spend')).toEqual([expect.objectContaining({ amount: -total, title: '徐汇店 消费' })])
    // a second notification (and a status poll) changes nothing
    expect(s.sim.deliverAgain(p.wechat.outTradeNo)).toBe(true)
    await s.sim.idle()
    expect(await s.count(C.journal, { _id: `sale:${p.wechat.outTradeNo}` })).toBe(1)
    expect((await member(me)).lots).toEqual(after.lots)
    expect(await s.order(p.wechat.outTradeNo)).toMatchObject({ status: 'paid' })
  })

  it('is refused with family payment (a family member pays whole from the owner within a limit), writing nothing', async () => {
    const { me } = await memberWith()
    const r = await s.call('checkout', { action: 'pay', storeId: STORE, amount: 100_000, requestId: requestId(), rest: 'wechat', payFrom: 'family' }, me)
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('家人代付') } })
    expect(await s.count(C.orders, { openid: me, kind: 'bill' })).toBe(0)
  })

  it('the same tap again answers the same payment and order; a bill the balance covers is simply paid', async () => {
    const { me, total } = await memberWith()
    const id = requestId()
    const first = (await payMixed(me, total * 2, id)).data
    const again = (await payMixed(me, total * 2, id)).data
    expect(again.paymentId).toBe(first.paymentId)
    expect(again.wechat.outTradeNo).toBe(first.wechat.outTradeNo)
    expect(await s.count(C.orders, { openid: me, kind: 'bill' })).toBe(1)
    const covered = (await s.data('checkout', { action: 'pay', storeId: STORE, amount: 100, requestId: requestId(), rest: 'wechat' }, newOpenid('mx'))) as any
    expect(covered).toMatchObject({ state: 'awaiting_wechat_pay', charged: 0, wechat: { amount: 100 } })
    s.sim.pay(covered.wechat.outTradeNo)
    await s.sim.idle()
    s.sim.pay(first.wechat.outTradeNo)
    await s.sim.idle()
  })

  it('a WeChat part that expires unpaid gives the hold back: balance and lots exactly as before, the payment closed', async () => {
    const { me, total } = await memberWith('p1000')
    const before = await member(me)
    const p = (await payMixed(me, total * 2)).data
    shiftClock(40 * 60_000)
    await s.stack.cloud.invoke('cron', {}, { source: 'wx_trigger' })
    shiftClock(0)
    expect(await s.order(p.wechat.outTradeNo)).toMatchObject({ status: 'closed' })
    const after = await member(me)
    expect(after.lots).toEqual(before.lots)
    expect({ principal: after.principal, bonus: after.bonus, spendHeld: after.spendHeld }).toEqual({ principal: before.principal, bonus: before.bonus, spendHeld: 0 })
    expect(after.spendHolds).toEqual({})
    expect((await s.balance(me)).total).toBe(total)
    expect(await receipt(me, p.paymentId)).toMatchObject({ state: 'closed', wechat: { payParams: null } })
    expect(await journal(`spend-release:${p.paymentId}`)).toMatchObject({ kind: 'adjust' })
    // and the balance can be spent again
    expect((await s.call('checkout', { action: 'pay', storeId: STORE, amount: total, requestId: requestId() }, me)).ok).toBe(true)
  })

  it('the coupon a mixed payment used goes back to the wallet when its WeChat part expires', async () => {
    const me = newOpenid('mx')
    const outTradeNo = await recharge(s, me, { planId: 'p1000' })
    const total = (await s.balance(me)).total
    const cpn = couponId(outTradeNo, 0)
    const p = (await s.call('checkout', { action: 'pay', storeId: STORE, amount: total * 2, requestId: requestId(), rest: 'wechat', couponId: cpn }, me)).data
    expect(p).toMatchObject({ state: 'awaiting_wechat_pay', couponId: cpn, charged: total })
    const coupon = async () => (await database().collection(C.coupons).doc(cpn).get()).data as any
    expect(await coupon()).toMatchObject({ paymentId: p.paymentId })
    shiftClock(40 * 60_000)
    await s.stack.cloud.invoke('cron', {}, { source: 'wx_trigger' })
    shiftClock(0)
    expect(await coupon()).toMatchObject({ usedAt: null, paymentId: null })
    expect((await s.balance(me)).total).toBe(total)
  })

  it.each(['mixed:member', 'mixed:journal', 'mixed:order', 'mixed:payment', 'mixed:prepay'])('a crash at %s, then the same tap again, holds once and places one order', async (point) => {
    const { me, total } = await memberWith()
    const id = requestId()
    armFault(point)
    expect((await payMixed(me, total * 2, id)).ok).toBe(false)
    const r = await payMixed(me, total * 2, id)
    expect(r.data).toMatchObject({ state: 'awaiting_wechat_pay', charged: total, wechat: { amount: r.data.amount - r.data.discount - total, payParams: expect.anything() } })
    expect(await s.count(C.orders, { openid: me, kind: 'bill' })).toBe(1)
    expect((await member(me)).spendHeld).toBe(total)
    s.sim.pay(r.data.wechat.outTradeNo)
    await s.sim.idle()
    expect((await receipt(me, r.data.paymentId)).state).toBe('paid')
  })

  it.each(['bill:start', 'bill:member', 'bill:spend:0', 'bill:spend', 'bill:sale:1', 'bill:journal', 'bill:payment', 'bill:order'])(
    'a crash at %s while settling: WeChat Pay retries and the bill settles once',
    async (point) => {
      const { me, total } = await memberWith()
      const p = (await payMixed(me, total * 2)).data
      armFault(point)
      s.sim.pay(p.wechat.outTradeNo)
      await s.sim.idle()
      expect((await receipt(me, p.paymentId)).state).toBe('paid')
      expect(await s.count(C.journal, { _id: `spend:${p.paymentId}` })).toBe(1)
      expect(await s.count(C.journal, { _id: `sale:${p.wechat.outTradeNo}` })).toBe(1)
      expect((await member(me)).spendHeld).toBe(0)
      expect(await s.count(C.shipping, { outTradeNo: p.wechat.outTradeNo })).toBe(1)
    }
  )

  it('a crash while releasing leaves the hold whole; the next sweep releases it once', async () => {
    const { me, total } = await memberWith()
    const before = await member(me)
    const p = (await payMixed(me, total * 2)).data
    shiftClock(40 * 60_000)
    armFault('release:member')
    await s.stack.cloud.invoke('cron', {}, { source: 'wx_trigger' })
    expect((await member(me)).spendHeld).toBe(total)
    await s.expectLedgerConsistent()
    await s.stack.cloud.invoke('cron', {}, { source: 'wx_trigger' })
    shiftClock(0)
    expect((await member(me)).lots).toEqual(before.lots)
    expect(await s.count(C.journal, { _id: `spend-release:${p.paymentId}` })).toBe(1)
  })
})
