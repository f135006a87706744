import { fen } from '../money'
import { effectBonus, effectGiftValue, ruleBonus } from './bonus'

describe('ruleBonus', () => {
  it('none gives nothing', () => {
    expect(ruleBonus(fen(100_000), { kind: 'none' })).toBe(0)
  })

  it('per_step: 每满100元送5元 counts whole steps only', () => {
    const r = { kind: 'per_step', step: fen(10_000), bonus: fen(500) } as const
    expect(ruleBonus(fen(9_999), r)).toBe(0)
    expect(ruleBonus(fen(10_000), r)).toBe(500)
    expect(ruleBonus(fen(19_999), r)).toBe(500)
    expect(ruleBonus(fen(25_000), r)).toBe(1_000)
    expect(ruleBonus(fen(500_000), r)).toBe(25_000)
  })

  it('tiers: the highest min ≤ amount wins, in any stored order; below the lowest row nothing', () => {
    const r = {
      kind: 'tiers',
      tiers: [
        { min: fen(100_000), bonus: fen(12_000) },
        { min: fen(30_000), bonus: fen(2_000) },
        { min: fen(50_000), bonus: fen(5_000) }
      ]
    } as const
    expect(ruleBonus(fen(29_999), r)).toBe(0)
    expect(ruleBonus(fen(30_000), r)).toBe(2_000)
    expect(ruleBonus(fen(49_999), r)).toBe(2_000)
    expect(ruleBonus(fen(50_000), r)).toBe(5_000)
    expect(ruleBonus(fen(99_999), r)).toBe(5_000)
    expect(ruleBonus(fen(100_000), r)).toBe(12_000)
    expect(ruleBonus(fen(400_000), r)).toBe(12_000)
    expect(ruleBonus(fen(400_000), { kind: 'tiers', tiers: [] })).toBe(0)
  })

  it('percent rounds down to the fen', () => {
    // 3% of 333.33元 = 9.9999元 → 9.99元
    expect(ruleBonus(fen(33_333), { kind: 'percent', bps: 300 })).toBe(999)
    // 12.5% of 0.07元 = 0.875分 → 0
    expect(ruleBonus(fen(7), { kind: 'percent', bps: 1_250 })).toBe(0)
    expect(ruleBonus(fen(10_000), { kind: 'percent', bps: 1_000 })).toBe(1_000)
  })
})

describe('effectBonus', () => {
  it('percent is of the paid amount, floored', () => {
    expect(effectBonus({ kind: 'percent', bps: 1_000 }, fen(30_000))).toBe(3_000)
    expect(effectBonus({ kind: 'percent', bps: 1_000 }, fen(12_345))).toBe(1_234)
    expect(effectBonus({ kind: 'percent', bps: 333 }, fen(100))).toBe(3)
  })

  it('fixed is the stated amount whatever is paid', () => {
    expect(effectBonus({ kind: 'fixed', bonus: fen(2_000) }, fen(1_000))).toBe(2_000)
  })

  it('a gift adds no bonus; its stated value is only for ranking', () => {
    const e = { kind: 'gift', gift: { kind: 'gift_card', cardTemplateId: 'g', title: '礼品卡' }, value: fen(800) } as const
    expect(effectBonus(e, fen(30_000))).toBe(0)
    expect(effectGiftValue(e)).toBe(800)
    expect(effectGiftValue({ kind: 'gift', gift: e.gift })).toBe(0)
    expect(effectGiftValue({ kind: 'fixed', bonus: fen(5) })).toBe(0)
  })
})
