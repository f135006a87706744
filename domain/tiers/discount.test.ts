import fc from 'fast-check'
import { fen } from '../money'
import { applyPermille, discountLabel } from './discount'

describe('applyPermille (tier discount, rounded to the fen in the member’s favour)', () => {
  it('95折 of ¥120 is ¥114, discount ¥6', () => {
    expect(applyPermille(fen(12_000), 950)).toEqual({ payable: 11_400, discount: 600 })
  })

  it('a fraction of a fen goes to the member: 19 fen at 95折 = 18.05 → pays 18', () => {
    expect(applyPermille(fen(19), 950)).toEqual({ payable: 18, discount: 1 })
    expect(applyPermille(fen(1), 880)).toEqual({ payable: 0, discount: 1 })
    expect(applyPermille(fen(99_999), 885)).toEqual({ payable: 88_499, discount: 11_500 })
  })

  it('no discount at 1000; refuses a permille outside 0..1000 or a float', () => {
    expect(applyPermille(fen(12_345), 1000)).toEqual({ payable: 12_345, discount: 0 })
    expect(() => applyPermille(fen(100), 1001)).toThrow()
    expect(() => applyPermille(fen(100), 95.5)).toThrow()
    expect(() => applyPermille(-1 as never, 950)).toThrow()
  })

  it('payable + discount = amount, payable is the floor of the exact price, over random bills up to ¥100,000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1000 }), (a, r) => {
        const { payable, discount } = applyPermille(fen(a), r)
        expect(payable + discount).toBe(a)
        // exact: payable ≤ a×r/1000 < payable + 1, checked in integers
        expect(payable * 1000).toBeLessThanOrEqual(a * r)
        expect((payable + 1) * 1000).toBeGreaterThan(a * r)
      })
    )
  })
})

describe('discountLabel', () => {
  it('says 折 the way Chinese menus do', () => {
    expect(discountLabel(950)).toBe('95折')
    expect(discountLabel(900)).toBe('9折')
    expect(discountLabel(885)).toBe('88.5折')
    expect(discountLabel(1000)).toBe('无折扣')
  })
})
