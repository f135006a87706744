/**
 * A mixed payment's hold on the member's lots (server/bills/mixed.ts). Holding lowers what is left
 * of each lot drawn but not its running `redeemed`: the value is not spent yet, so revenue is
 * recognised from `redeemed` only when the hold settles (domain/ledger/spend.ts, cumulative per
 * lot), and a release restores the lots exactly as they were.
 */
import { fen } from '../../domain/money'
import { MoneyError } from '../../domain/money'
import type { FullLot } from '../checkout/lots'

type LotAmounts = { lotId: string; principal: number; bonus: number }

function move(lots: readonly FullLot[], draws: readonly LotAmounts[], sign: 1 | -1, redeem: boolean): FullLot[] {
  const byId = new Map(draws.map((d) => [d.lotId, d]))
  for (const d of draws) if (!lots.some((l) => l.id === d.lotId)) throw new MoneyError(`the hold names lot ${d.lotId}, which the member does not have`)
  return lots.map((l) => {
    const d = byId.get(l.id)
    if (!d) return l
    const principalLeft = fen(l.principalLeft + sign * d.principal)
    const bonusLeft = fen(l.bonusLeft + sign * d.bonus)
    if (principalLeft < 0 || bonusLeft < 0) throw new MoneyError(`lot ${l.id} would go negative`)
    return { ...l, principalLeft, bonusLeft, redeemed: redeem ? l.redeemed + d.principal + d.bonus : l.redeemed }
  })
}

/** Held: less left on each lot drawn, nothing redeemed yet. */
export const heldLots = (lots: readonly FullLot[], draws: readonly LotAmounts[]) => move(lots, draws, -1, false)
/** Released: the held principal and bonus back to the same lots. */
export const releasedLots = (lots: readonly FullLot[], draws: readonly LotAmounts[]) => move(lots, draws, 1, false)
/** Settled: what was held is now redeemed (what is left stays as the hold lowered it). */
export function settledLots(lots: readonly FullLot[], draws: readonly LotAmounts[]): FullLot[] {
  const byId = new Map(draws.map((d) => [d.lotId, d]))
  return lots.map((l) => {
    const d = byId.get(l.id)
    return d ? { ...l, redeemed: l.redeemed + d.principal + d.bonus } : l
  })
}
