import { fen } from '../money'
import { describeBonusRule, giftTitle, planTitle, yuanText } from './describe'

describe('labels', () => {
  it('yuanText drops trailing zeros only', () => {
    expect(yuanText(fen(10_000))).toBe('100')
    expect(yuanText(fen(550))).toBe('5.5')
    expect(yuanText(fen(505))).toBe('5.05')
    expect(yuanText(fen(1))).toBe('0.01')
    expect(yuanText(fen(-150))).toBe('-1.5')
  })

  it('planTitle reads like the shop sign', () => {
    expect(planTitle(fen(30_000), fen(5_000))).toBe('充300送50')
    expect(planTitle(fen(100_000), fen(0))).toBe('充1000')
  })

  it('giftTitle for each kind', () => {
    expect(giftTitle({ kind: 'coupon', templateId: 't', title: '饮品券', count: 2 })).toBe('饮品券×2')
    expect(giftTitle({ kind: 'coupon', templateId: 't', title: '饮品券', count: 1 })).toBe('饮品券')
    expect(giftTitle({ kind: 'points_multiplier', factor: 200, days: 30 })).toBe('30天内积分2倍')
    expect(giftTitle({ kind: 'points_multiplier', factor: 150 })).toBe('积分1.5倍')
    expect(giftTitle({ kind: 'gift_card', cardTemplateId: 'g', title: '生日礼品卡' })).toBe('生日礼品卡')
  })

  it('describeBonusRule for each kind', () => {
    expect(describeBonusRule({ kind: 'per_step', step: fen(10_000), bonus: fen(500) })).toBe('每满100元送5元')
    expect(describeBonusRule({ kind: 'none' })).toBe('不送赠金')
    expect(describeBonusRule({ kind: 'percent', bps: 250 })).toBe('送充值金额的2.5%')
    expect(
      describeBonusRule({ kind: 'tiers', tiers: [{ min: fen(50_000), bonus: fen(5_000) }, { min: fen(30_000), bonus: fen(2_000) }] })
    ).toBe('满300元送20元，满500元送50元')
  })
})
