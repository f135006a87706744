/**
 * Points (积分) earned at checkout. Points are not money: they are whole numbers and are never
 * converted to fen here. A member earns `perYuan` points per whole yuan charged to the balance
 * (what they paid, after tier and coupon discounts, never the bill as typed), times an active
 * multiplier from a recharge gift. Everything rounds down, stated once.
 */
import type { Fen } from '../money'

/** A points multiplier a recharge gift gave (Gift `points_multiplier`): `factor` is a percent, 200 = 2×. */
export interface PointsBoost {
  factor: number
  /** exclusive end; null = open-ended */
  until: Date | null
  /** the recharge order that gave it: a refund of that order takes it back */
  outTradeNo: string
}

export const DEFAULT_POINTS_PER_YUAN = 1

export function activeBoost(boost: PointsBoost | null | undefined, now: Date): PointsBoost | null {
  if (!boost) return null
  return boost.until === null || now.getTime() < new Date(boost.until).getTime() ? boost : null
}

/** floor(whole yuan charged × perYuan × factor / 100). */
export function pointsFor(charged: Fen, perYuan: number, boost: PointsBoost | null | undefined, now: Date): number {
  if (!Number.isSafeInteger(perYuan) || perYuan < 0) throw new RangeError(`points per yuan must be a whole number, not ${perYuan}`)
  const factor = activeBoost(boost, now)?.factor ?? 100
  return Math.floor((Math.floor(charged / 100) * perYuan * factor) / 100)
}

/**
 * The boost a member holds after a recharge gives `gift`: the better of the two (a higher factor;
 * at the same factor the later end), so a second, smaller gift never takes away a bigger one.
 */
export function boostAfterGift(current: PointsBoost | null | undefined, gift: { factor: number; days?: number }, outTradeNo: string, at: Date): PointsBoost {
  const given: PointsBoost = { factor: gift.factor, until: gift.days ? new Date(at.getTime() + gift.days * 86_400_000) : null, outTradeNo }
  const held = activeBoost(current, at)
  if (!held) return given
  if (held.factor !== given.factor) return held.factor > given.factor ? held : given
  const end = (b: PointsBoost) => (b.until === null ? Infinity : new Date(b.until).getTime())
  return end(held) >= end(given) ? held : given
}
