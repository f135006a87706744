import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { armFault } from '../faults'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { DEMO_TIER_TERMS, type TierTerms } from '../../domain/tiers'
import { fen } from '../../domain/money'
import { MEMBER_CODE } from '../../domain/members'
import { memberDoc, recharge, withSettings } from './test-kit'

let s: TestStack
useTestStack((started) => (s = started))

const tierId = async (me: string) => (await memberDoc(me)).tier?.id ?? null

describe('the crediting transaction stores the tier', () => {
  it('at the thresholds 300 / 800 / 1500 yuan of net principal, to the fen (bonus never counts)', async () => {
    const me = newOpenid('tier')
    await recharge(s, me, { amount: 29_999 }) // + ¥10 bonus (每满100送5) does not lift it
    expect(await memberDoc(me)).toMatchObject({ netRecharged: 29_999, tier: null, termsVersion: DEMO_TIER_TERMS.version })
    await recharge(s, me, { amount: 1_000 })
    expect(await memberDoc(me)).toMatchObject({ netRecharged: 30_999, tier: { id: 'silver', name: '银卡', payPermille: 950 } })
    await recharge(s, me, { amount: 48_999 })
    expect(await tierId(me)).toBe('silver') // 79,998
    await recharge(s, me, { amount: 1_001 })
    expect(await memberDoc(me)).toMatchObject({ netRecharged: 80_999, tier: { id: 'gold', name: '金卡', payPermille: 900 } })
    const other = newOpenid('tier')
    await recharge(s, other, { amount: 149_999 })
    expect(await tierId(other)).toBe('gold')
    await recharge(s, other, { amount: 1_000 })
    expect(await tierId(other)).toBe('black')
  })

  it('exactly at a threshold reaches it; one fen below does not', async () => {
    const at = newOpenid('tier')
    await recharge(s, at, { amount: 80_000 })
    expect(await tierId(at)).toBe('gold')
    const below = newOpenid('tier')
    await recharge(s, below, { amount: 79_999 })
    expect(await tierId(below)).toBe('silver')
  })

  it('gives an 8-digit member code at the first credit, reserved in member_codes, kept afterwards', async () => {
    const me = newOpenid('code')
    await recharge(s, me, { amount: 1_000 })
    const code = (await memberDoc(me)).memberCode as string
    expect(code).toMatch(MEMBER_CODE)
    expect((await database().collection(C.memberCodes).doc(code).get()).data).toMatchObject({ openid: me })
    await recharge(s, me, { amount: 1_000 })
    expect((await memberDoc(me)).memberCode).toBe(code)
  })

  it('takes the next candidate when another member holds the code', async () => {
    const me = newOpenid('code')
    const { memberCodeCandidate } = await import('../../domain/members')
    const taken = memberCodeCandidate(me, 0)
    await database().collection(C.memberCodes).add({ data: { _id: taken, openid: 'someone-else', createdAt: new Date() } })
    try {
      await recharge(s, me, { amount: 1_000 })
      const code = (await memberDoc(me)).memberCode
      expect(code).toBe(memberCodeCandidate(me, 1))
    } finally {
      await database().collection(C.memberCodes).doc(taken).remove()
    }
  })

  it('a crash after the coupons are written leaves no coupon, tier or code; the retry credits once', async () => {
    const me = newOpenid('crash')
    const { order, tx } = await s.paidButNotNotified(me, 'p1000')
    armFault('credit:coupon')
    expect(await s.postNotify(s.sim.signedNotification(tx))).toBe(500)
    expect(await s.count(C.coupons, { openid: me })).toBe(0)
    expect(((await memberDoc(me)) as any)?.memberCode).toBeUndefined()
    expect(await s.postNotify(s.sim.signedNotification(tx))).toBe(204)
    expect(await s.postNotify(s.sim.signedNotification(tx))).toBe(204)
    expect((await s.order(order.outTradeNo)).status).toBe('credited')
    expect(await s.count(C.coupons, { openid: me })).toBe(2)
    expect(await tierId(me)).toBe('gold')
  })
})

describe('tier terms are versioned', () => {
  const V2: TierTerms = {
    version: '2027-01-01',
    tiers: [
      { id: 'silver', name: '银卡', threshold: fen(50_000), payPermille: 980, benefits: ['生日券'] },
      { id: 'gold', name: '金卡', threshold: fen(100_000), payPermille: 950, benefits: ['生日券'] }
    ]
  }
  it('publishing new terms never lowers an existing member, even when they recharge again; new members get the new terms', async () => {
    const old = newOpenid('ver')
    await recharge(s, old, { amount: 80_000 })
    await withSettings(
      (st) => ({ tiers: { current: V2.version, versions: [...(st.tiers?.versions ?? []), V2] } }),
      async () => {
        await recharge(s, old, { amount: 1_000 })
        expect(await memberDoc(old)).toMatchObject({ termsVersion: DEMO_TIER_TERMS.version, tier: { id: 'gold', payPermille: 900 }, netRecharged: 81_000 })
        const fresh = newOpenid('ver')
        await recharge(s, fresh, { amount: 80_000 })
        expect(await memberDoc(fresh)).toMatchObject({ termsVersion: V2.version, tier: { id: 'silver', payPermille: 980 } })
      }
    )
  })

  it('a member whose version was removed by hand keeps the tier they hold when they recharge again; the member page still answers', async () => {
    const me = newOpenid('ver')
    await recharge(s, me, { amount: 80_000 })
    await withSettings(
      () => ({ tiers: { current: V2.version, versions: [V2] } }),
      async () => {
        await recharge(s, me, { amount: 1_000 })
        expect(await memberDoc(me)).toMatchObject({ termsVersion: DEMO_TIER_TERMS.version, tier: { id: 'gold', payPermille: 900 }, netRecharged: 81_000 })
        expect(await s.data('wallet', { action: 'member' }, me)).toMatchObject({ tier: { code: 'gold', discountLabel: '9折' } })
      }
    )
  })
})
