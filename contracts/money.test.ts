import { fenAmount, MAX_FEN, money } from './money'

describe('the one money schema bounds every amount below MAX_SAFE_INTEGER', () => {
  it('MAX_FEN is far above the 5,000 元 cap and far below Number.MAX_SAFE_INTEGER', () => {
    expect(MAX_FEN).toBeGreaterThan(5_000_00 * 1000)
    expect(MAX_FEN * 1000).toBeLessThan(Number.MAX_SAFE_INTEGER)
  })

  it.each([2 ** 53, 1e308, MAX_FEN + 1, -(MAX_FEN + 1), 0.5, Number.NaN])('merchant data: %p is refused', (n) => {
    expect(fenAmount.safeParse(n).success).toBe(false)
  })

  it.each([0, -100, MAX_FEN, -MAX_FEN])('merchant data: %p passes (its sign is the domain validators’ call)', (n) => {
    expect(fenAmount.parse(n)).toBe(n)
  })

  it.each([0, -1, 2 ** 53, 1e308, MAX_FEN + 1, 1.5])('events: %p is refused', (n) => {
    expect(money.safeParse(n).success).toBe(false)
  })

  it.each([1, MAX_FEN])('events: %p passes', (n) => {
    expect(money.parse(n)).toBe(n)
  })
})
