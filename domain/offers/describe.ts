/** Plain Chinese labels for offers, for people only (never parsed back). */
import { formatYuan, type Fen } from '../money'
import type { BonusRule, Gift } from './types'

/** 10000 → "100", 550 → "5.5", 505 → "5.05" (yuan without trailing zeros). */
export function yuanText(a: Fen): string {
  return formatYuan(a)
    .replace('¥', '')
    .replace(/\.00$/, '')
    .replace(/(\.\d)0$/, '$1')
}

/** "充300送50", or "充300" without bonus. */
export function planTitle(pay: Fen, bonus: Fen): string {
  return bonus > 0 ? `充${yuanText(pay)}送${yuanText(bonus)}` : `充${yuanText(pay)}`
}

/** Integer percent as a multiplier: 200 → "2", 150 → "1.5", 125 → "1.25". */
function factorText(percent: number): string {
  return yuanText(percent as Fen)
}

export function giftTitle(g: Gift): string {
  switch (g.kind) {
    case 'coupon':
      return g.count > 1 ? `${g.title}×${g.count}` : g.title
    case 'points_multiplier':
      return g.days ? `${g.days}天内积分${factorText(g.factor)}倍` : `积分${factorText(g.factor)}倍`
    case 'gift_card':
      return g.title
  }
}

/** "每满100元送5元", for the custom-amount line of the recharge page. */
export function describeBonusRule(rule: BonusRule): string {
  switch (rule.kind) {
    case 'none':
      return '不送赠金'
    case 'per_step':
      return `每满${yuanText(rule.step)}元送${yuanText(rule.bonus)}元`
    case 'tiers':
      return [...rule.tiers]
        .sort((a, b) => a.min - b.min)
        .map((t) => `满${yuanText(t.min)}元送${yuanText(t.bonus)}元`)
        .join('，')
    case 'percent':
      return `送充值金额的${yuanText(rule.bps as Fen)}%`
  }
}
