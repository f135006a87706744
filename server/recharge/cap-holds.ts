/**
 * The balance cap (A3) counts unpaid orders: an order holds the room its credit would take from
 * the transaction that writes it until it is credited (the hold becomes balance in the crediting
 * transaction), closed (released in the closing transaction) or past its time. The holds live on
 * the member's document, which every creating and crediting transaction writes; two orders
 * created at once therefore conflict there, and the second reruns, sees the first's hold and is
 * refused if both do not fit. So the balance plus every payable order never exceeds the cap.
 *
 * Each hold also names what its order is for (`key`: store, plan or amount): while one is live
 * a second identical create finds it and hands back the same order (server/recharge/create.ts).
 */
import { capAdds, type CapSettings } from '../../domain/offers/cap'
import { fen, type Fen } from '../../domain/money'
import type { RechargeRequest } from '../../domain/offers/recharge'
import type { CapHold, MemberDoc } from '../collections'

/** Holds are keyed by out_trade_no, which is [0-9A-Z] only, so it is a safe field name. */
export const capHoldPath = (outTradeNo: string) => `capHolds.${outTradeNo}`

/** What an order is for: one payable order per member and key. */
export const orderKey = (storeId: string, req: RechargeRequest) => (req.kind === 'plan' ? `${storeId}|plan|${req.planId}` : `${storeId}|amount|${req.amount}`)

/** The holds that still count at `at`, as [out_trade_no, hold]. */
export function liveCapHolds(member: Pick<MemberDoc, 'capHolds'> | null, at: Date): Array<[string, CapHold]> {
  return Object.entries(member?.capHolds ?? {}).filter(([, h]) => new Date(h.until) > at)
}

/** The room live holds take under the cap, in the cap's measure; `except` leaves one order out. */
export function heldRoom(member: Pick<MemberDoc, 'capHolds'> | null, at: Date, settings: CapSettings, except?: string): Fen {
  return fen(liveCapHolds(member, at).reduce((sum, [no, h]) => (no === except ? sum : sum + capAdds({ pay: fen(h.pay), credit: fen(h.credit) }, settings)), 0))
}

/** Whether `outTradeNo` still holds its room at `at` (so crediting it needs no new room). */
export function holdsRoom(member: Pick<MemberDoc, 'capHolds'> | null, outTradeNo: string, at: Date): boolean {
  const h = member?.capHolds?.[outTradeNo]
  return !!h && new Date(h.until) > at
}
