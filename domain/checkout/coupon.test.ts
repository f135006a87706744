import { fen } from '../money'
import { couponProblems, couponRefusal, couponWindow } from './coupon'
import { coupon, NOW } from './test-helpers'

const bill = { amount: fen(12_000), storeId: 'store-xuhui', now: NOW }

describe('couponRefusal', () => {
  it('applies inside its window, in scope, at or above its threshold', () => {
    expect(couponRefusal(coupon(), bill)).toBeNull()
    expect(couponRefusal(coupon(), { ...bill, amount: fen(10_000) })).toBeNull()
    expect(couponRefusal(coupon({ threshold: fen(0) }), { ...bill, amount: fen(1) })).toBeNull()
  })

  it('names why it does not apply', () => {
    expect(couponRefusal(coupon({ usedAt: '2026-11-20T10:00:00.000+08:00' }), bill)).toBe('used')
    expect(couponRefusal(coupon({ startsAt: '2026-11-23T12:00:01.000+08:00' }), bill)).toBe('not_started')
    expect(couponRefusal(coupon({ endsAt: '2026-11-23T12:00:00.000+08:00' }), bill)).toBe('expired') // end is exclusive
    expect(couponRefusal(coupon({ stores: ['store-jingan'] }), bill)).toBe('store_not_in_scope')
    expect(couponRefusal(coupon(), { ...bill, amount: fen(9_999) })).toBe('below_threshold')
  })
})

describe('couponWindow (validity in Asia/Shanghai)', () => {
  it('"7天有效" issued 23:30 Shanghai on the 23rd (15:30 UTC) lasts to the end of the 29th', () => {
    expect(couponWindow(new Date('2026-11-23T15:30:00.000Z'), 7)).toEqual({
      startsAt: '2026-11-23T23:30:00.000+08:00',
      endsAt: '2026-11-30T00:00:00.000+08:00'
    })
  })
  it('issued 00:30 Shanghai (still the 22nd in UTC) counts from the Shanghai date', () => {
    expect(couponWindow(new Date('2026-11-22T16:30:00.000Z'), 1).endsAt).toBe('2026-11-24T00:00:00.000+08:00')
  })
  it('refuses a non-positive or fractional number of days', () => {
    expect(() => couponWindow(NOW, 0)).toThrow(RangeError)
    expect(() => couponWindow(NOW, 1.5)).toThrow(RangeError)
  })
})

describe('couponProblems', () => {
  it('a sound coupon has none; each problem is named', () => {
    expect(couponProblems(coupon())).toEqual([])
    expect(couponProblems(coupon({ off: fen(0), threshold: -1 as never, stores: [], endsAt: '2026-10-01' }))).toEqual([
      'off must be positive fen',
      'threshold must be non-negative fen',
      "stores must be 'all' or a non-empty list",
      'endsAt is not an ISO instant with offset'
    ])
    expect(couponProblems(coupon({ off: fen(12_000) }))).toEqual(['off must not exceed the threshold (满100减120 gives money away)'])
    expect(couponProblems(coupon({ endsAt: '2026-11-01T00:00:00.000+08:00' }))).toEqual(['endsAt must be after startsAt'])
  })
})
