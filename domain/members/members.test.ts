import { fen } from '../money'
import { couponRefusal } from '../checkout/coupon'
import { activeBoost, boostAfterGift, couponTemplateProblems, issueCoupon, MEMBER_CODE, memberCodeCandidate, pointsFor, type CouponTemplate } from '.'

const AT = new Date('2026-12-01T15:30:00Z') // 23:30 in Shanghai
const DAY = 86_400_000

describe('pointsFor', () => {
  it('counts whole yuan charged times the rate, rounded down, times an active multiplier', () => {
    expect(pointsFor(fen(10_899), 1, null, AT)).toBe(108)
    expect(pointsFor(fen(99), 1, null, AT)).toBe(0)
    expect(pointsFor(fen(10_000), 3, null, AT)).toBe(300)
    const boost = { factor: 150, until: new Date(AT.getTime() + DAY), outTradeNo: 'o' }
    expect(pointsFor(fen(10_100), 1, boost, AT)).toBe(151) // 101 × 1.5 = 151.5 → 151
    expect(pointsFor(fen(10_100), 1, boost, new Date(AT.getTime() + DAY))).toBe(101) // ended (exclusive)
    expect(pointsFor(fen(10_100), 1, { ...boost, until: null }, new Date(AT.getTime() + 999 * DAY))).toBe(151)
  })
  it('refuses a fractional rate', () => {
    expect(() => pointsFor(fen(100), 1.5, null, AT)).toThrow(RangeError)
  })
})

describe('boostAfterGift', () => {
  it('keeps the better multiplier: a higher factor, at the same factor the later end; an ended one is replaced', () => {
    const held = boostAfterGift(null, { factor: 300, days: 10 }, 'a', AT)
    expect(held).toEqual({ factor: 300, until: new Date(AT.getTime() + 10 * DAY), outTradeNo: 'a' })
    expect(boostAfterGift(held, { factor: 200, days: 30 }, 'b', AT)).toBe(held)
    expect(boostAfterGift(held, { factor: 300, days: 20 }, 'c', AT)).toMatchObject({ outTradeNo: 'c' })
    expect(boostAfterGift(held, { factor: 300, days: 5 }, 'd', AT)).toBe(held)
    expect(boostAfterGift(held, { factor: 200 }, 'e', new Date(AT.getTime() + 10 * DAY))).toEqual({ factor: 200, until: null, outTradeNo: 'e' })
    expect(activeBoost(held, new Date(AT.getTime() + 10 * DAY))).toBeNull()
  })
})

describe('coupon templates', () => {
  const drink: CouponTemplate = { id: 'tpl', title: '饮品券', threshold: fen(0), off: fen(3_000), stores: 'all', validDays: 7 }
  it('issue a coupon valid from the moment of issue to the end of the last Shanghai day', () => {
    const c = issueCoupon(drink, 'cpn:o:0', AT)
    expect(c).toMatchObject({ id: 'cpn:o:0', title: '饮品券', off: 3_000, threshold: 0, endsAt: '2026-12-08T00:00:00.000+08:00', usedAt: null })
    expect(couponRefusal(c, { amount: fen(1), storeId: 's', now: AT })).toBeNull()
    expect(couponRefusal(c, { amount: fen(1), storeId: 's', now: new Date('2026-12-07T16:00:00Z') })).toBe('expired')
  })
  it('list every problem of a bad template', () => {
    expect(couponTemplateProblems(drink)).toEqual([])
    expect(couponTemplateProblems({ ...drink, id: '', off: fen(0), stores: [], validDays: 0 })).toEqual([
      'id is required',
      'off must be positive fen',
      "stores must be 'all' or a non-empty list",
      'validDays must be a whole number of days from 1 to 3660'
    ])
    expect(couponTemplateProblems({ ...drink, threshold: fen(1_000), off: fen(2_000) })).toEqual(['off must not exceed the threshold (满100减120 gives money away)'])
  })
})

describe('member codes', () => {
  it('are 8 digits without a leading zero, the same for an openid and attempt, different across attempts', () => {
    const codes = Array.from({ length: 500 }, (_, i) => memberCodeCandidate(`o${i}`, 0))
    expect(codes.every((c) => MEMBER_CODE.test(c))).toBe(true)
    expect(new Set(codes).size).toBe(500)
    expect(memberCodeCandidate('o1', 0)).toBe(memberCodeCandidate('o1', 0))
    expect(memberCodeCandidate('o1', 1)).not.toBe(memberCodeCandidate('o1', 0))
  })
})
