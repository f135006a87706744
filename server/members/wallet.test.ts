// wallet.member / acceptTerms / coupons / points, and the real tier on wallet.balance.
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { shiftClock } from '../clock'
import { DEMO_TIER_TERMS, type TierTerms } from '../../domain/tiers'
import { fen } from '../../domain/money'
import { couponId } from '../../domain/members'
import { memberDoc, recharge, withSettings } from './test-kit'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'

let s: TestStack
useTestStack((started) => (s = started))

const V2: TierTerms = {
  version: '2027-01-01',
  tiers: [
    { id: 'silver', name: '银卡', threshold: fen(50_000), payPermille: 980, benefits: ['生日券'] },
    { id: 'gold', name: '金卡', threshold: fen(100_000), payPermille: 950, benefits: ['生日券', '会员活动'] }
  ]
}
const publishV2 = (fn: () => Promise<void>) => withSettings((st) => ({ tiers: { current: V2.version, versions: [...(st.tiers?.versions ?? []), V2] } }), fn)
const member = (me: string) => s.data('wallet', { action: 'member' }, me)

describe('wallet.member', () => {
  it('shows the tier, its benefits and discount, the next tier and what is still needed, and the member code', async () => {
    const me = newOpenid('wm')
    await recharge(s, me, { amount: 50_000 })
    const v = await member(me)
    expect(v).toEqual({
      tier: { code: 'silver', name: '银卡', discountLabel: '95折' },
      benefits: ['生日券'],
      discountLabel: '95折',
      next: { name: '金卡', threshold: 80_000, needed: 30_000 },
      netRecharged: 50_000,
      termsVersion: DEMO_TIER_TERMS.version,
      pendingTerms: null,
      memberCode: (await memberDoc(me)).memberCode
    })
    expect((await s.balance(me)).tier).toEqual({ code: 'silver', name: '银卡', discountLabel: '95折' })
  })

  it('before any recharge: no tier, the current terms to climb, no code', async () => {
    const v = await member(newOpenid('wm'))
    expect(v).toMatchObject({ tier: null, benefits: [], discountLabel: '无折扣', next: { name: '银卡', needed: 30_000 }, netRecharged: 0, termsVersion: null, pendingTerms: null, memberCode: null })
  })
})

describe('a member credited before tiers were stored', () => {
  it('holds the tier their recharges reach under the current terms at once (balance, member page, checkout), and the next credit stores it', async () => {
    const me = newOpenid('old')
    await recharge(s, me, { amount: 80_000 })
    const ref = database().collection(C.members).doc(me)
    const _ = database().command
    await ref.update({ data: { tier: _.remove(), termsVersion: _.remove(), netRecharged: _.remove(), memberCode: _.remove() } })
    expect((await s.balance(me)).tier).toMatchObject({ code: 'gold' })
    expect(await member(me)).toMatchObject({ tier: { code: 'gold' }, netRecharged: 80_000, termsVersion: null })
    expect((await s.data('checkout', { action: 'quote', storeId: 'store-xuhui', amount: 10_000 }, me)).payable).toBe(9_000)
    await recharge(s, me, { amount: 1_000 })
    expect(await memberDoc(me)).toMatchObject({ tier: { id: 'gold' }, termsVersion: DEMO_TIER_TERMS.version, netRecharged: 81_000 })
  })
})

describe('wallet.acceptTerms', () => {
  it('newer terms are shown as pending with what changes; checkout keeps the old price until the member accepts, then the new one applies', async () => {
    const me = newOpenid('wa')
    await recharge(s, me, { amount: 80_000 })
    await publishV2(async () => {
      const v = await member(me)
      expect(v.tier).toMatchObject({ code: 'gold', discountLabel: '9折' })
      expect(v.pendingTerms).toEqual({
        version: V2.version,
        tier: { code: 'silver', name: '银卡', discountLabel: '98折' },
        changes: '接受后您的等级：银卡（98折）；银卡：门槛¥300.00→¥500.00，折扣95折→98折；金卡：门槛¥800.00→¥1000.00，折扣9折→95折；取消黑金'
      })
      const q = await s.data('checkout', { action: 'quote', storeId: 'store-xuhui', amount: 10_000 }, me)
      expect(q.payable).toBe(9_000)
      // an old version cannot be accepted, nor by someone who is not a member
      expect((await s.call('wallet', { action: 'acceptTerms', version: DEMO_TIER_TERMS.version }, me)).error.code).toBe('INVALID_INPUT')
      expect((await s.call('wallet', { action: 'acceptTerms', version: V2.version }, newOpenid('wa'))).error.code).toBe('NOT_FOUND')
      expect((await memberDoc(me)).termsVersion).toBe(DEMO_TIER_TERMS.version)

      const accepted = await s.data('wallet', { action: 'acceptTerms', version: V2.version }, me)
      expect(accepted).toMatchObject({ tier: { code: 'silver' }, termsVersion: V2.version, pendingTerms: null, next: { name: '金卡', needed: 20_000 } })
      expect(await memberDoc(me)).toMatchObject({ termsVersion: V2.version, tier: { id: 'silver', payPermille: 980 } })
      expect((await s.data('checkout', { action: 'quote', storeId: 'store-xuhui', amount: 10_000 }, me)).payable).toBe(9_800)
      // accepting again changes nothing
      expect(await s.data('wallet', { action: 'acceptTerms', version: V2.version }, me)).toEqual(accepted)
    })
  })
})

describe('wallet.coupons', () => {
  it('lists the recharge gift coupons with their state: usable, then used after a payment, expired after their days', async () => {
    const me = newOpenid('wc')
    const no = await recharge(s, me, { planId: 'p1000' })
    const list = async () => (await s.data('wallet', { action: 'coupons' }, me)).coupons
    const first = await list()
    expect(first).toHaveLength(2)
    expect(first[0]).toMatchObject({ title: '任意饮品兑换券', off: 3_000, threshold: 0, storeIds: 'all', state: 'usable' })
    expect(first.map((c: any) => c.id).sort()).toEqual([couponId(no, 0), couponId(no, 1)])
    await s.data('checkout', { action: 'pay', storeId: 'store-xuhui', amount: 5_000, requestId: `wc-${me}`, couponId: couponId(no, 0) }, me)
    const after = await list()
    expect(after.map((c: any) => [c.id, c.state])).toEqual([
      [couponId(no, 1), 'usable'],
      [couponId(no, 0), 'used']
    ])
    shiftClock(31 * 86_400_000)
    expect((await list()).map((c: any) => c.state)).toEqual(['used', 'expired'])
    // nobody else sees them
    expect((await s.data('wallet', { action: 'coupons' }, newOpenid('wc'))).coupons).toEqual([])
  })
})
