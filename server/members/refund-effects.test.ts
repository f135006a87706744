// afterRechargeRefund, called inside a transaction as the refund function will: the member's
// net principal and tier fall, the refunded order's unused coupons are voided, its boost dropped.
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { transact } from '../db/tx'
import { couponId } from '../../domain/members'
import type { MemberDoc } from '../collections'
import { afterRechargeRefund } from './refund-effects'
import { memberDoc, recharge } from './test-kit'

let s: TestStack
useTestStack((started) => (s = started))

/** What the refund function does around the hook: read the member, call it, write its fields. */
async function refund(openid: string, refunded: { outTradeNo: string; principal: number }[]) {
  return transact(database(), async (t) => {
    const ref = t.collection(C.members).doc<MemberDoc>(openid)
    const { data } = await ref.get()
    const fields = await afterRechargeRefund(t, data as MemberDoc, refunded, new Date())
    await ref.update({ data: fields })
    return fields
  })
}
const coupon = async (id: string) => (await database().collection(C.coupons).doc(id).get()).data as any

describe('afterRechargeRefund', () => {
  it('lowers netRecharged and the tier, voids the unused coupons of the refunded order (a used one stays used) and drops its boost', async () => {
    const me = newOpenid('rf')
    const gifted = await recharge(s, me, { planId: 'p1000' })
    await recharge(s, me, { amount: 10_000 })
    expect(await memberDoc(me)).toMatchObject({ netRecharged: 110_000, tier: { id: 'gold' }, pointsBoost: { outTradeNo: gifted, factor: 200 } })
    const used = await s.data('checkout', { action: 'pay', storeId: 'store-xuhui', amount: 5_000, requestId: `rf-${me}`, couponId: couponId(gifted, 0) }, me)

    const fields = await refund(me, [{ outTradeNo: gifted, principal: 100_000 }])
    expect(fields).toEqual({ netRecharged: 10_000, tier: null, pointsBoost: null })
    expect(await memberDoc(me)).toMatchObject({ netRecharged: 10_000, tier: null, pointsBoost: null })
    expect(await coupon(couponId(gifted, 0))).toMatchObject({ paymentId: used.paymentId, voidedAt: null })
    expect(await coupon(couponId(gifted, 1))).toMatchObject({ usedAt: null, voidedAt: expect.any(Date) })
    // the voided coupon is gone from the wallet and refused at checkout
    expect((await s.data('wallet', { action: 'coupons' }, me)).coupons.map((c: any) => [c.id, c.state])).toEqual([[couponId(gifted, 0), 'used']])
    const r = await s.call('checkout', { action: 'pay', storeId: 'store-xuhui', amount: 5_000, requestId: `rf2-${me}`, couponId: couponId(gifted, 1) }, me)
    expect(r.error.code).toBe('COUPON_NOT_APPLICABLE')
    expect((await s.data('wallet', { action: 'member' }, me)).tier).toBeNull()
  })

  it('a refund of another order keeps the boost and the coupons; the tier falls only below its threshold, to the fen', async () => {
    const me = newOpenid('rf')
    const gifted = await recharge(s, me, { planId: 'p1000' })
    const plain = await recharge(s, me, { amount: 40_000 })
    expect(await refund(me, [{ outTradeNo: plain, principal: 30_000 }])).toEqual({ netRecharged: 110_000, tier: { id: 'gold', name: '金卡', payPermille: 900 } })
    expect(await refund(me, [{ outTradeNo: plain, principal: 10_000 }])).toEqual({ netRecharged: 100_000, tier: { id: 'gold', name: '金卡', payPermille: 900 } })
    expect((await memberDoc(me)).pointsBoost).toMatchObject({ outTradeNo: gifted })
    expect((await s.data('wallet', { action: 'coupons' }, me)).coupons.map((c: any) => c.state)).toEqual(['usable', 'usable'])
    // part of the gifted order: its boost goes, exactly at the threshold the tier stays
    expect(await refund(me, [{ outTradeNo: gifted, principal: 20_000 }])).toMatchObject({ netRecharged: 80_000, tier: { id: 'gold' }, pointsBoost: null })
    expect(await refund(me, [{ outTradeNo: gifted, principal: 1 }])).toMatchObject({ netRecharged: 79_999, tier: { id: 'silver' } })
    expect((await s.data('wallet', { action: 'coupons' }, me)).coupons).toEqual([])
  })
})
