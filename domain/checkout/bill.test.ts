import fc from 'fast-check'
import { fen } from '../money'
import { lotTotals } from '../lots'
import { DEMO_CAMPAIGNS, DEMO_OFFER_SETTINGS, DEMO_PLANS } from '../offers/demo'
import { DEMO_TIER_TERMS } from '../tiers/demo'
import { payBill, quoteBill } from './bill'
import { MAX_BILL } from './price'
import { coupon, lot, NOW } from './test-helpers'

const gold = DEMO_TIER_TERMS.tiers[1]
const ctx = { now: NOW, storeId: 'store-xuhui', isMember: true, campaignUses: {} }
const recommend = { ctx, member: { terms: DEMO_TIER_TERMS, netRecharged: fen(100_000) }, offers: { plans: DEMO_PLANS, campaigns: DEMO_CAMPAIGNS, settings: DEMO_OFFER_SETTINGS } }
const wallet = [lot('a', 30_000, 5_000)] // ¥350 = 300 + 50

describe('payBill', () => {
  it('issue 10’s demo: ¥350 at 金卡 pays a ¥120 bill: ¥108 charged, ¥92.57 principal + ¥15.43 bonus', () => {
    expect(payBill({ amount: fen(12_000), tier: gold, storeId: 'store-xuhui', now: NOW }, wallet)).toEqual({
      ok: true,
      data: {
        price: { amount: 12_000, tierDiscount: 1_200, couponDiscount: 0, payable: 10_800, shortfall: 0 },
        spend: { draws: [{ lotId: 'a', principal: 9_257, bonus: 1_543 }], principal: 9_257, bonus: 1_543, charged: 10_800 },
        wechat: 0
      }
    })
  })

  it("rest: 'wechat' pays what the balance holds and leaves the rest to WeChat Pay, at the same price", () => {
    const r = payBill({ amount: fen(40_000), tier: gold, storeId: 'store-xuhui', now: NOW }, wallet, undefined, 'wechat')
    expect(r).toEqual({
      ok: true,
      data: {
        price: { amount: 40_000, tierDiscount: 4_000, couponDiscount: 0, payable: 36_000, shortfall: 1_000 },
        spend: { draws: [{ lotId: 'a', principal: 30_000, bonus: 5_000 }], principal: 30_000, bonus: 5_000, charged: 35_000 },
        wechat: 1_000
      }
    })
    // covered by the balance: nothing for WeChat Pay; an empty wallet: all of it
    expect(payBill({ amount: fen(1_000), tier: null, storeId: 'store-xuhui', now: NOW }, wallet, undefined, 'wechat')).toMatchObject({ ok: true, data: { wechat: 0, spend: { charged: 1_000 } } })
    expect(payBill({ amount: fen(1_000), tier: null, storeId: 'store-xuhui', now: NOW }, [], undefined, 'wechat')).toMatchObject({ ok: true, data: { wechat: 1_000, spend: { charged: 0, draws: [] } } })
  })

  it('refuses, whole: a short balance, a bad amount, a coupon that does not apply', () => {
    expect(payBill({ amount: fen(40_000), tier: null, storeId: 'store-xuhui', now: NOW }, wallet)).toEqual({
      ok: false,
      error: { code: 'INSUFFICIENT_BALANCE', message: '余额不足，还差¥50.00' }
    })
    expect(payBill({ amount: fen(0), tier: null, storeId: 's', now: NOW }, wallet)).toMatchObject({ ok: false, error: { code: 'AMOUNT_OUT_OF_RANGE' } })
    expect(payBill({ amount: fen(5_000), tier: null, coupon: coupon(), storeId: 's', now: NOW }, wallet)).toMatchObject({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE' }
    })
  })

  it('charges what quoteBill showed, for any bill from 1 fen to ¥100,000 with the same tier, coupon and balance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_BILL }), fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 50_000 }), fc.boolean(), (a, p, b, withCoupon) => {
        const lots = [lot('x', p, b)]
        const bill = { amount: fen(a), tier: gold, coupon: withCoupon ? coupon({ threshold: fen(0) }) : null, storeId: 'store-xuhui', now: NOW }
        const q = quoteBill({ ...bill, balance: lotTotals(lots) }, recommend)
        const paid = payBill(bill, lots)
        if (!q.ok) throw new Error('every bill in range prices')
        if (q.data.shortfall > 0) {
          expect(paid).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_BALANCE' } })
          return
        }
        if (!paid.ok) throw new Error(paid.error.message)
        expect(paid.data.price.payable).toBe(q.data.payable)
        expect(paid.data.spend.charged).toBe(q.data.payable)
      }),
      { numRuns: 60 }
    )
  })
})

describe('quoteBill', () => {
  it('¥120 with no balance: the price, the empty balance and the recommendation', () => {
    const q = quoteBill({ amount: fen(12_000), tier: gold, balance: { principal: fen(0), bonus: fen(0) }, storeId: 'store-xuhui', now: NOW }, recommend)
    expect(q).toMatchObject({
      ok: true,
      data: { payable: 10_800, shortfall: 10_800, balance: { principal: 0, bonus: 0, total: 0 } }
    })
    if (!q.ok) return
    expect(q.data.recommendations.map((o) => o.kind === 'plan' && o.planId)).toEqual(['p1000', 'p300'])
  })
})
