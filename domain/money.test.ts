import fc from 'fast-check'
import { allocate, fen, formatYuan, mulDivFloor, MoneyError } from './money'

describe('fen', () => {
  it('refuses floats and unsafe integers', () => {
    expect(() => fen(1.5)).toThrow(MoneyError)
    expect(() => fen(Number.MAX_SAFE_INTEGER + 1)).toThrow(MoneyError)
    expect(fen(300_00)).toBe(30000)
  })
})

describe('allocate', () => {
  it('splits 100 yuan of spending 300:50 as the domain rules table does (85.71 / 14.29)', () => {
    expect(allocate(fen(10000), [30000, 5000])).toEqual([8571, 1429])
  })
  it('gives leftover fen to the larger remainder, ties to the earlier weight', () => {
    expect(allocate(fen(1), [1, 1])).toEqual([1, 0])
    expect(allocate(fen(2), [1, 1, 1])).toEqual([1, 1, 0])
  })
  it('keeps the sign for negative totals', () => {
    expect(allocate(fen(-10000), [30000, 5000])).toEqual([-8571, -1429])
  })
  it('refuses all-zero or negative weights', () => {
    expect(() => allocate(fen(1), [0, 0])).toThrow(MoneyError)
    expect(() => allocate(fen(1), [-1, 2])).toThrow(MoneyError)
  })
  it('always sums exactly to the total and never exceeds a part’s share by a fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 8 }), (t, w) => {
        fc.pre(w.some((x) => x > 0))
        const parts = allocate(fen(t), w)
        expect(parts.reduce((a, b) => a + b, 0)).toBe(t)
        const W = w.reduce((a, b) => a + b, 0)
        parts.forEach((p, i) => expect(Math.abs(p - (t * w[i]) / W)).toBeLessThan(1 + 1e-6))
      })
    )
  })
})

describe('mulDivFloor', () => {
  it('floors 10% of 333.33 yuan to 33.33 yuan', () => {
    expect(mulDivFloor(fen(33333), 1000, 10000)).toBe(3333)
  })
  it('floors toward minus infinity for negatives', () => {
    expect(mulDivFloor(fen(-5), 1, 2)).toBe(-3)
  })
})

describe('formatYuan', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(formatYuan(fen(35000))).toBe('¥350.00')
    expect(formatYuan(fen(-5))).toBe('-¥0.05')
  })
})
