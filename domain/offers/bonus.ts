/**
 * Bonus arithmetic. Integer fen in, integer fen out; every division rounds down, so a rule never
 * grants more than it states.
 */
import { fen, mulDivFloor, ZERO, type Fen } from '../money'
import type { BonusRule, CampaignEffect } from './types'

const BPS = 10_000

/** Bonus a custom amount earns under `rule`. */
export function ruleBonus(amount: Fen, rule: BonusRule): Fen {
  switch (rule.kind) {
    case 'none':
      return ZERO
    case 'per_step':
      return fen(Math.floor(amount / rule.step) * rule.bonus)
    case 'tiers': {
      // highest min ≤ amount wins, whatever order the rows are stored in
      let best: { min: Fen; bonus: Fen } | null = null
      for (const t of rule.tiers) {
        if (t.min <= amount && (best === null || t.min > best.min)) best = t
      }
      return best === null ? ZERO : best.bonus
    }
    case 'percent':
      return mulDivFloor(amount, rule.bps, BPS)
  }
}

/** Bonus fen a campaign effect adds for a paid amount (a gift effect adds none). */
export function effectBonus(effect: CampaignEffect, pay: Fen): Fen {
  switch (effect.kind) {
    case 'percent':
      return mulDivFloor(pay, effect.bps, BPS)
    case 'fixed':
      return effect.bonus
    case 'gift':
      return ZERO
  }
}

/** The merchant's stated value of a gift effect, for ranking only. */
export function effectGiftValue(effect: CampaignEffect): Fen {
  return effect.kind === 'gift' ? (effect.value ?? ZERO) : ZERO
}
