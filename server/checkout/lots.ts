import { fen, type Fen } from '../../domain/money'
import type { LotDraw } from '../../domain/ledger/spend'
import type { Draw } from '../../domain/lots'
import { MoneyError } from '../../domain/money'
import { COLLECTIONS as C } from '../db/indexes'
import type { TxLike } from '../db/tx'
import type { OrderDoc, StoredLot } from '../collections'

/** A lot with its original amounts and running `redeemed` known. */
export type FullLot = StoredLot & { pay: number; bonus: number; redeemed: number }

/**
 * The member's lots with `pay`, `bonus` and `redeemed` filled in. Lots credited since the checkout
 * carry them; an older lot is read with its credited order (`lot:<out_trade_no>`), inside the
 * caller's transaction, one read after another. Nothing was spent from such a lot before the
 * checkout existed, and no refund path is wired yet, so what it lacks is what it was credited with.
 */
export async function withLotFacts(t: TxLike, lots: readonly StoredLot[]): Promise<FullLot[]> {
  const out: FullLot[] = []
  for (const lot of lots) {
    if (lot.pay !== undefined && lot.bonus !== undefined && lot.redeemed !== undefined) {
      out.push(lot as FullLot)
      continue
    }
    const { data: order } = await t.collection(C.orders).doc<OrderDoc>(lot.id.replace(/^lot:/, '')).get()
    if (!order) throw new Error(`lot ${lot.id} has no order to read its amounts from`)
    out.push({ ...lot, pay: order.pay, bonus: order.bonus, redeemed: order.pay + order.bonus - lot.principalLeft - lot.bonusLeft })
  }
  return out
}

/** The draws with the facts the spend posting needs to recognise revenue (domain/ledger/spend.ts). */
export function lotDraws(lots: readonly FullLot[], draws: readonly Draw[]): LotDraw[] {
  const byId = new Map(lots.map((l) => [l.id, l]))
  return draws.map((d) => {
    const lot = byId.get(d.lotId)
    if (!lot) throw new MoneyError(`draw on unknown lot ${d.lotId}`)
    return { ...d, lotPay: fen(lot.pay), lotBonus: fen(lot.bonus), redeemedBefore: fen(lot.redeemed) }
  })
}

/** The lots after the draws: less left, more redeemed. */
export function drawnLots(lots: readonly FullLot[], draws: readonly Draw[]): FullLot[] {
  const byId = new Map(draws.map((d) => [d.lotId, d]))
  return lots.map((l) => {
    const d = byId.get(l.id)
    if (!d) return l
    const principalLeft: Fen = fen(l.principalLeft - d.principal)
    const bonusLeft: Fen = fen(l.bonusLeft - d.bonus)
    if (principalLeft < 0 || bonusLeft < 0) throw new MoneyError(`lot ${l.id} would go negative`)
    return { ...l, principalLeft, bonusLeft, redeemed: l.redeemed + d.principal + d.bonus }
  })
}
