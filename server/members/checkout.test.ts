// Checkout with membership: the stored tier's discount, coupons used once, points per payment,
// virtual goods refused. Every member here is made through the real recharge path.
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { database } from '../cloud'
import { shiftClock } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import { armFault } from '../faults'
import { couponId } from '../../domain/members'
import { VIRTUAL_GOODS_MESSAGE } from '../../domain/checkout'
import { memberDoc, recharge } from './test-kit'

const STORE = 'store-xuhui'
let s: TestStack
useTestStack((started) => (s = started))

let req = 0
const requestId = () => `mem-${++req}-${Date.now().toString(36)}`
const pay = (me: string, amount: number, extra: Record<string, unknown> = {}, id = requestId()) =>
  s.call('checkout', { action: 'pay', storeId: STORE, amount, requestId: id, ...extra }, me)
const quote = (me: string, amount: number, extra: Record<string, unknown> = {}) => s.data('checkout', { action: 'quote', storeId: STORE, amount, ...extra }, me)
const coupon = async (id: string) => (await database().collection(C.coupons).doc(id).get()).data as any
const pointsEntries = (openid: string) => s.count(C.points, { openid })

/** 金卡 by a custom ¥800 (+¥40 bonus), no gifts. */
async function goldMember() {
  const me = newOpenid('gold')
  await recharge(s, me, { amount: 80_000 })
  return me
}
/** 金卡 by 充1000送200 (+¥20 new-member campaign): two ¥30 drink coupons and 2× points for 30 days. */
async function giftedMember() {
  const me = newOpenid('gift')
  const outTradeNo = await recharge(s, me, { planId: 'p1000' })
  return { me, outTradeNo, coupons: [couponId(outTradeNo, 0), couponId(outTradeNo, 1)] }
}

describe('the tier discount at checkout', () => {
  it('a 金卡 member pays ¥120 as ¥108: quote and pay agree, the receipt and payment show the discount', async () => {
    const me = await goldMember()
    const before = (await s.balance(me)).total
    const q = await quote(me, 12_000)
    expect(q).toMatchObject({ amount: 12_000, tierDiscount: 1_200, couponDiscount: 0, payable: 10_800, tier: { code: 'gold', name: '金卡', discountLabel: '9折' } })
    const r = await pay(me, 12_000)
    expect(r.data).toMatchObject({ amount: 12_000, discount: 1_200, charged: 10_800, couponId: null })
    expect((await s.balance(me)).total).toBe(before - 10_800)
    expect(await s.balance(me)).toMatchObject({ tier: { code: 'gold', name: '金卡', discountLabel: '9折' } })
  })

  it('rounds in the member favour end to end: 11 fen at 9折 is 9.9 fen, the member pays 9', async () => {
    const me = await goldMember()
    expect(await quote(me, 11)).toMatchObject({ tierDiscount: 2, payable: 9 })
    const r = await pay(me, 11)
    expect(r.data).toMatchObject({ charged: 9, discount: 2 })
    const journal = (await database().collection(C.journal).doc(`spend:${r.data.paymentId}`).get()).data as any
    expect(journal.entries.filter((e: any) => e.account.startsWith('m:')).reduce((x: number, e: any) => x + e.amount, 0)).toBe(-9)
  })

  it('a member below the first threshold pays the bill as typed', async () => {
    const me = newOpenid('plain')
    await recharge(s, me, { amount: 20_000 })
    expect((await pay(me, 12_000)).data).toMatchObject({ discount: 0, charged: 12_000 })
  })
})

describe('coupons at checkout', () => {
  it('takes the coupon off after the tier discount, marks it used with the payment, and refuses it the second time', async () => {
    const { me, coupons } = await giftedMember()
    expect(await quote(me, 12_000, { couponId: coupons[0] })).toMatchObject({ tierDiscount: 1_200, couponDiscount: 3_000, payable: 7_800 })
    const r = await pay(me, 12_000, { couponId: coupons[0] })
    expect(r.data).toMatchObject({ discount: 4_200, charged: 7_800, couponId: coupons[0] })
    expect(await coupon(coupons[0])).toMatchObject({ paymentId: r.data.paymentId, usedAt: expect.any(Date) })
    const total = (await s.balance(me)).total
    const again = await pay(me, 12_000, { couponId: coupons[0] })
    expect(again).toEqual({ ok: false, error: { code: 'COUPON_NOT_APPLICABLE', message: '「任意饮品兑换券」已使用' } })
    expect((await s.balance(me)).total).toBe(total)
    // the other coupon still works
    expect((await pay(me, 5_000, { couponId: coupons[1] })).ok).toBe(true)
  })

  it('ten concurrent payments with one coupon and different requestIds: the coupon is used once', async () => {
    const { me, coupons } = await giftedMember()
    const before = (await s.balance(me)).total
    const ids = Array.from({ length: 10 }, requestId)
    const outcome = new Map<string, any>()
    let todo = ids
    for (let round = 0; round < 20 && todo.length; round++) {
      const results = await Promise.all(todo.map((id) => pay(me, 5_000, { couponId: coupons[0] }, id)))
      todo = todo.filter((id, k) => {
        if (!results[k].ok && results[k].error.code === 'CONFLICT') return true
        outcome.set(id, results[k])
        return false
      })
    }
    expect(todo).toEqual([])
    const paid = [...outcome.values()].filter((r) => r.ok)
    expect(paid).toHaveLength(1)
    expect([...outcome.values()].filter((r) => !r.ok).every((r) => r.error.code === 'COUPON_NOT_APPLICABLE')).toBe(true)
    expect(paid[0].data.charged).toBe(1_500) // ¥50 at 9折 = ¥45, minus ¥30
    expect((await s.balance(me)).total).toBe(before - 1_500)
    expect(await s.count(C.payments, { openid: me })).toBe(1)
    expect(await coupon(coupons[0])).toMatchObject({ paymentId: paid[0].data.paymentId })
  })

  it('an expired coupon is refused and nothing changes', async () => {
    const { me, coupons } = await giftedMember()
    const before = await memberDoc(me)
    shiftClock(31 * 86_400_000)
    const r = await pay(me, 12_000, { couponId: coupons[0] })
    expect(r).toEqual({ ok: false, error: { code: 'COUPON_NOT_APPLICABLE', message: '「任意饮品兑换券」已过期' } })
    expect((await s.call('checkout', { action: 'quote', storeId: STORE, amount: 12_000, couponId: coupons[0] }, me)).error.code).toBe('COUPON_NOT_APPLICABLE')
    expect(await memberDoc(me)).toEqual(before)
    expect(await coupon(coupons[0])).toMatchObject({ usedAt: null, paymentId: null })
    expect(await s.count(C.payments, { openid: me })).toBe(0)
  })

  it('a coupon for another store, or below its threshold, is refused and nothing changes', async () => {
    const { me, coupons } = await giftedMember()
    const ref = database().collection(C.coupons).doc(coupons[0])
    const before = await memberDoc(me)
    try {
      await ref.update({ data: { stores: ['store-jingan'] } })
      expect(await pay(me, 12_000, { couponId: coupons[0] })).toEqual({ ok: false, error: { code: 'COUPON_NOT_APPLICABLE', message: '「任意饮品兑换券」不适用于本门店' } })
      await ref.update({ data: { stores: 'all', threshold: 20_000 } })
      expect(await pay(me, 12_000, { couponId: coupons[0] })).toEqual({ ok: false, error: { code: 'COUPON_NOT_APPLICABLE', message: '「任意饮品兑换券」需消费满¥200.00可用' } })
    } finally {
      await ref.update({ data: { stores: 'all', threshold: 0 } })
    }
    expect(await memberDoc(me)).toEqual(before)
    expect(await coupon(coupons[0])).toMatchObject({ usedAt: null })
  })

  it("another member's coupon, or an id that does not exist, is not in the wallet", async () => {
    const { coupons } = await giftedMember()
    const other = await goldMember()
    for (const id of [coupons[0], 'cpn:nothing:0']) {
      expect(await pay(other, 1_000, { couponId: id })).toEqual({ ok: false, error: { code: 'COUPON_NOT_APPLICABLE', message: '这张券不在您的卡包中，请重新选择' } })
    }
    expect(await coupon(coupons[0])).toMatchObject({ usedAt: null })
  })

  it('a requestId already paid is refused with another coupon, never answered as that payment', async () => {
    const { me, coupons } = await giftedMember()
    const id = requestId()
    expect((await pay(me, 12_000, {}, id)).ok).toBe(true)
    expect((await pay(me, 12_000, { couponId: coupons[0] }, id)).error.code).toBe('INVALID_INPUT')
    expect(await coupon(coupons[0])).toMatchObject({ usedAt: null })
  })

  it('a crash after the coupon is marked leaves it usable; the retry uses it once', async () => {
    const { me, coupons } = await giftedMember()
    const id = requestId()
    armFault('spend:coupon')
    expect((await pay(me, 12_000, { couponId: coupons[0] }, id)).error.code).toBe('INTERNAL')
    expect(await coupon(coupons[0])).toMatchObject({ usedAt: null })
    const r = await pay(me, 12_000, { couponId: coupons[0] }, id)
    expect(r.data.couponId).toBe(coupons[0])
    expect(await pay(me, 12_000, { couponId: coupons[0] }, id)).toEqual(r)
  })
})

describe('points at checkout', () => {
  it('per whole yuan charged, times the recharge gift multiplier, one entry per payment however often it is retried', async () => {
    const { me } = await giftedMember()
    const id = requestId()
    const q = await quote(me, 12_345)
    const r = await pay(me, 12_345, {}, id) // 9折 → 11,110 fen → 111 whole yuan → ×2
    expect(r.data).toMatchObject({ charged: 11_110, pointsEarned: 222 })
    expect(q.pointsEarned).toBe(222)
    const results = await Promise.all(Array.from({ length: 5 }, () => pay(me, 12_345, {}, id)))
    for (const x of results) if (x.ok) expect(x.data.paymentId).toBe(r.data.paymentId)
    expect(await pointsEntries(me)).toBe(1)
    expect((await database().collection(C.points).doc(`pts:${r.data.paymentId}`).get()).data).toMatchObject({ openid: me, delta: 222, paymentId: r.data.paymentId })
    expect((await memberDoc(me)).points).toBe(222)
    const page = await s.data('wallet', { action: 'points' }, me)
    expect(page).toMatchObject({ balance: 222, multiplier: { times: 2 }, items: [{ id: `pts:${r.data.paymentId}`, delta: 222, reason: '徐汇店 消费' }], nextCursor: null })
  })

  it('without a multiplier (or once it ended) a payment earns one point per yuan; under one yuan earns none and writes no entry', async () => {
    const me = await goldMember()
    expect((await pay(me, 10_000)).data.pointsEarned).toBe(90)
    expect((await pay(me, 100)).data.pointsEarned).toBe(0)
    expect(await pointsEntries(me)).toBe(1)
    const { me: gifted } = await giftedMember()
    shiftClock(31 * 86_400_000)
    expect((await pay(gifted, 10_000)).data.pointsEarned).toBe(90)
    expect((await s.data('wallet', { action: 'points' }, gifted)).multiplier).toBeNull()
  })

  it('a crash after the points entry leaves no points; the retry earns them once', async () => {
    const me = await goldMember()
    const id = requestId()
    armFault('spend:points')
    expect((await pay(me, 10_000, {}, id)).error.code).toBe('INTERNAL')
    expect(await pointsEntries(me)).toBe(0)
    expect((await memberDoc(me)).points).toBeUndefined()
    expect((await pay(me, 10_000, {}, id)).data.pointsEarned).toBe(90)
    expect((await memberDoc(me)).points).toBe(90)
  })
})

describe('what the bill is for', () => {
  it('a virtual line (recharge, gift card) is refused with VIRTUAL_GOODS in quote and pay, and nothing changes', async () => {
    const me = await goldMember()
    const before = await memberDoc(me)
    const lines = [
      { name: '拿铁', amount: 3_000, virtual: false },
      { name: '礼品卡', amount: 10_000, virtual: true }
    ]
    const r = await pay(me, 13_000, { lines })
    expect(r).toEqual({ ok: false, error: { code: 'VIRTUAL_GOODS', message: VIRTUAL_GOODS_MESSAGE } })
    expect((await s.call('checkout', { action: 'quote', storeId: STORE, amount: 13_000, lines }, me)).error.code).toBe('VIRTUAL_GOODS')
    expect(await memberDoc(me)).toEqual(before)
    expect(await s.count(C.payments, { openid: me })).toBe(0)
  })

  it('lines that do not add up to the bill are INVALID_INPUT; real goods are paid and kept on the payment', async () => {
    const me = await goldMember()
    const lines = [{ name: '拿铁', amount: 3_000, virtual: false }]
    expect(await pay(me, 3_001, { lines })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '商品明细的合计与消费金额不一致，请核对后重试' } })
    const r = await pay(me, 3_000, { lines })
    expect(r.ok).toBe(true)
    expect((await database().collection(C.payments).doc(r.data.paymentId).get()).data).toMatchObject({ lines })
  })
})
