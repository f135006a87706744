import { fen, MoneyError } from '../money'
import type { LotBalance } from '../lots'
import type { LotAmounts } from '../ledger/refund'

/**
 * The lots side of a refund's postings: a hold takes a part's principal and bonus out of its lot
 * (so the wallet's lots keep equal to the member accounts), a release or an order return puts them
 * back into the same lot, principal to principal and bonus to bonus (A10).
 */
export function takeFromLots(lots: readonly LotBalance[], parts: readonly LotAmounts[]): LotBalance[] {
  return move(lots, parts, -1)
}

export function putBackIntoLots(lots: readonly LotBalance[], parts: readonly LotAmounts[]): LotBalance[] {
  return move(lots, parts, 1)
}

function move(lots: readonly LotBalance[], parts: readonly LotAmounts[], sign: 1 | -1): LotBalance[] {
  const out = lots.map((l) => ({ ...l }))
  for (const p of parts) {
    const l = out.find((x) => x.id === p.lotId)
    if (!l) throw new MoneyError(`no lot ${p.lotId} in this wallet`)
    const principalLeft = l.principalLeft + sign * p.principal
    const bonusLeft = l.bonusLeft + sign * p.bonus
    if (principalLeft < 0 || bonusLeft < 0) throw new MoneyError(`lot ${p.lotId} would go negative`)
    l.principalLeft = fen(principalLeft)
    l.bonusLeft = fen(bonusLeft)
  }
  return out
}
