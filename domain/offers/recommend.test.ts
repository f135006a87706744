import { fen } from '../money'
import { recommendForBill } from './recommend'
import type { Quote } from './types'

const q = (planId: string, pay: number, credit: number): Quote => ({
  planId, pay: fen(pay), planBonus: fen(credit - pay), campaignBonus: fen(0), bonus: fen(credit - pay), credit: fen(credit), gifts: [], campaignIds: []
})
const p300 = q('p300', 30_000, 35_000)
const p500 = q('p500', 50_000, 55_000)
const p1000 = q('p1000', 100_000, 120_000)

describe('recommendForBill', () => {
  it('smallest plan that covers the bill first, then larger covering ones, then the rest by credit', () => {
    expect(recommendForBill(fen(40_000), [p1000, p300, p500]).map((x) => x.planId)).toEqual(['p500', 'p1000', 'p300'])
  })

  it('counts the balance the member already has', () => {
    expect(recommendForBill(fen(40_000), [p1000, p500, p300], fen(5_000)).map((x) => x.planId)).toEqual(['p300', 'p500', 'p1000'])
  })

  it('nothing covers: largest credit first; does not modify the input', () => {
    const input = [p300, p1000, p500]
    expect(recommendForBill(fen(1_000_000), input).map((x) => x.planId)).toEqual(['p1000', 'p500', 'p300'])
    expect(input.map((x) => x.planId)).toEqual(['p300', 'p1000', 'p500'])
  })

  it('same pay: the one crediting more first', () => {
    const promo = q('promo', 30_000, 40_000)
    expect(recommendForBill(fen(20_000), [p300, promo]).map((x) => x.planId)).toEqual(['promo', 'p300'])
  })
})
