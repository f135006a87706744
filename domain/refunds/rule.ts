import { type Fen, fen, mulDivFloor } from '../money'
import type { LotBalance, SplitMode } from '../lots'
import { addDays, parseInstant } from '../time'
import { type RefundPolicy, DEFAULT_REFUND_POLICY, RefundError, assertPolicy } from './policy'

/** A lot as the refund rule sees it: what is left, and what the recharge originally put in. */
export interface RefundableLot extends LotBalance {
  outTradeNo: string
  storeId: string
  /** principal the recharge paid (本金) */
  principal: Fen
  /** bonus it granted (赠送金) */
  bonus: Fen
  /** gifts (coupons...) that came with this recharge and are still unused: taken back with it */
  unusedGiftIds?: readonly string[]
}

/** What refunding one lot does. `principal` + `bonus` is everything the lot still holds. */
export interface LotRefund {
  lotId: string
  outTradeNo: string
  storeId: string
  /** cash back to the member */
  refund: Fen
  /** the rest of the lot's value, taken back (bonus under the split rule) */
  forfeited: Fen
  /** the lot's remainders that the refund clears */
  principal: Fen
  bonus: Fen
  withinCoolingOff: boolean
  giftsTakenBack: string[]
}

export interface RefundQuote {
  refundable: Fen
  bonusForfeited: Fen
  /** every refunded lot is inside its cooling-off window */
  withinCoolingOff: boolean
  approval: 'auto' | 'staff'
  lots: LotRefund[]
}

/**
 * The principal left in a lot when its consumption is priced by `split` (D2), whatever split the
 * spending used. `consumed` = what the lot gave in total (principal + bonus).
 *
 * Rounding (proportional): the principal consumed is rounded DOWN to the fen, so the refund is
 * rounded up — a fraction of a fen goes to the member, never to the merchant. 充300送50 then
 * spend 100: consumed principal = 100 × 300/350 = 85.714… → 85.71, refund 214.29.
 */
export function principalLeftUnder(split: SplitMode, principal: Fen, bonus: Fen, consumed: number): Fen {
  switch (split) {
    case 'proportional':
      return fen(principal - mulDivFloor(fen(consumed), principal, principal + bonus))
    case 'principal_first':
      return fen(Math.max(0, principal - consumed))
    case 'bonus_first':
      return fen(Math.min(principal, principal + bonus - consumed))
  }
}

function checkLot(l: RefundableLot): void {
  const ok =
    [l.principal, l.bonus, l.principalLeft, l.bonusLeft].every((x) => Number.isSafeInteger(x) && x >= 0) &&
    l.principal > 0 &&
    l.principalLeft <= l.principal &&
    l.bonusLeft <= l.bonus
  if (!ok) throw new RefundError('BAD_LOT', `lot ${l.id} has impossible amounts`)
}

/**
 * What a member's refund request would return now (B8, D2, D3). Per lot:
 * - inside its cooling-off window (paidAt ≤ now < paidAt + coolingOffDays), the principal not yet
 *   consumed: the lot's own principal remainder, or the split rule's figure if that is more, so
 *   asking early never gives less than asking late;
 * - after it, the principal left under the merchant's split rule.
 * The rest of the lot's value (its bonus) and its unused gifts are taken back. Nothing is
 * deducted for commissions or fees (B6): the figure depends on the lot alone.
 * A lot whose refund would be 0 is left alone, bonus included: taking back value without
 * paying anything is not a refund.
 */
export function quoteRefund(lots: readonly RefundableLot[], now: Date, policy: RefundPolicy = DEFAULT_REFUND_POLICY): RefundQuote {
  assertPolicy(policy)
  const out: LotRefund[] = []
  for (const l of lots) {
    checkLot(l)
    const left = l.principalLeft + l.bonusLeft
    if (left === 0) continue
    const consumed = l.principal + l.bonus - left
    const within = now.getTime() < addDays(parseInstant(l.paidAt), policy.coolingOffDays).getTime()
    const bySplit = principalLeftUnder(policy.split, l.principal, l.bonus, consumed)
    const refund = fen(Math.min(left, within ? Math.max(l.principalLeft, bySplit) : bySplit))
    if (refund === 0) continue
    out.push({
      lotId: l.id,
      outTradeNo: l.outTradeNo,
      storeId: l.storeId,
      refund,
      forfeited: fen(left - refund),
      principal: l.principalLeft,
      bonus: l.bonusLeft,
      withinCoolingOff: within,
      giftsTakenBack: [...(l.unusedGiftIds ?? [])]
    })
  }
  const withinCoolingOff = out.length > 0 && out.every((x) => x.withinCoolingOff)
  return {
    refundable: fen(out.reduce((s, x) => s + x.refund, 0)),
    bonusForfeited: fen(out.reduce((s, x) => s + x.forfeited, 0)),
    withinCoolingOff,
    approval: withinCoolingOff ? policy.approval.withinCoolingOff : policy.approval.afterCoolingOff,
    lots: out
  }
}
