import fc from 'fast-check'
import { fen } from '../money'
import { DEMO_TIER_TERMS } from '../tiers/demo'
import { MAX_BILL, priceBill, type BillInput } from './price'
import { coupon, NOW } from './test-helpers'

const [silver, gold] = DEMO_TIER_TERMS.tiers
const input = (over: Partial<BillInput> = {}): BillInput => ({
  amount: fen(12_000),
  tier: null,
  balance: { principal: fen(30_000), bonus: fen(5_000) },
  storeId: 'store-xuhui',
  now: NOW,
  ...over
})

describe('priceBill', () => {
  it('¥120 at 金卡 9折 with ¥350: payable ¥108, nothing short', () => {
    expect(priceBill(input({ tier: gold }))).toEqual({
      ok: true,
      data: { amount: 12_000, tierDiscount: 1_200, couponDiscount: 0, payable: 10_800, shortfall: 0 }
    })
  })

  it('tier first, then the coupon; the threshold reads the bill as typed', () => {
    // ¥100 at 9折 is ¥90, below 满100 — still applies, because the threshold is on the ¥100 typed
    expect(priceBill(input({ amount: fen(10_000), tier: gold, coupon: coupon() }))).toMatchObject({
      ok: true,
      data: { tierDiscount: 1_000, couponDiscount: 1_000, payable: 8_000 }
    })
  })

  it('a coupon never takes the payable below zero', () => {
    const big = coupon({ threshold: fen(0), off: fen(5_000), title: '无门槛50' })
    expect(priceBill(input({ amount: fen(3_000), tier: silver, coupon: big }))).toMatchObject({
      ok: true,
      data: { tierDiscount: 150, couponDiscount: 2_850, payable: 0, shortfall: 0 }
    })
  })

  it('reports the shortfall instead of refusing (pay refuses; quote shows the recommendation)', () => {
    expect(priceBill(input({ amount: fen(50_000), balance: { principal: fen(10_000), bonus: fen(2_000) } }))).toMatchObject({
      ok: true,
      data: { payable: 50_000, shortfall: 38_000 }
    })
  })

  it('refuses an amount outside ¥0.01..¥100,000 and a coupon that does not apply, with a Chinese message', () => {
    for (const amount of [0, -1, MAX_BILL + 1, 1.5]) {
      expect(priceBill(input({ amount: amount as never }))).toMatchObject({ ok: false, error: { code: 'AMOUNT_OUT_OF_RANGE' } })
    }
    expect(priceBill(input({ amount: MAX_BILL, balance: { principal: fen(0), bonus: fen(0) } }))).toMatchObject({ ok: true })
    expect(priceBill(input({ amount: fen(9_999), coupon: coupon() }))).toEqual({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE', message: '「满100减10」需消费满¥100.00可用' }
    })
    expect(priceBill(input({ coupon: coupon({ stores: ['store-jingan'] }) }))).toMatchObject({ error: { message: '「满100减10」不适用于本门店' } })
  })

  it('over any bill from 1 fen to ¥100,000: the parts add up, nothing is negative, shortfall = max(0, payable − balance)', () => {
    const tier = fc.constantFrom(null, ...DEMO_TIER_TERMS.tiers)
    const cp = fc.option(
      fc.record({ threshold: fc.integer({ min: 0, max: 50_000 }), off: fc.integer({ min: 1, max: 50_000 }) }).map((c) => coupon({ threshold: fen(c.threshold), off: fen(c.off) })),
      { nil: undefined }
    )
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_BILL }), tier, cp, fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: 0, max: 100_000 }), (a, t, c, p, b) => {
        const r = priceBill(input({ amount: fen(a), tier: t, coupon: c, balance: { principal: fen(p), bonus: fen(b) } }))
        if (!r.ok) {
          expect(c && a < c.threshold).toBe(true)
          return
        }
        const d = r.data
        expect(d.tierDiscount + d.couponDiscount + d.payable).toBe(a)
        for (const x of [d.tierDiscount, d.couponDiscount, d.payable, d.shortfall]) expect(Number.isSafeInteger(x) && x >= 0).toBe(true)
        expect(d.couponDiscount).toBeLessThanOrEqual(c?.off ?? 0)
        expect(d.shortfall).toBe(Math.max(0, d.payable - p - b))
      })
    )
  })
})
