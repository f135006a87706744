/**
 * A3: a registered member's balance may not exceed the cap after a recharge. Checked before
 * payment, so a refused recharge never takes money. Whether bonus counts is a setting
 * (`capCountsBonus`, default true: the rule does not say, counting it is the safe reading).
 */
import { add, fen, formatYuan, type Fen } from '../money'
import type { BalanceParts, OfferFail, OfferSettings, Quote } from './types'

export const DEFAULT_CAP = fen(500_000)

export interface CapRoom {
  limit: Fen
  /** the part of the balance that counts toward the cap */
  counted: Fen
  /** how much more may be added (in the same measure), never negative */
  room: Fen
}

export function capRoom(balance: BalanceParts, settings: Pick<OfferSettings, 'cap' | 'capCountsBonus'>): CapRoom {
  const counted = settings.capCountsBonus ? add(balance.principal, balance.bonus) : balance.principal
  return { limit: settings.cap, counted, room: fen(Math.max(0, settings.cap - counted)) }
}

export type CapCheck =
  | { ok: true; data: CapRoom & { after: Fen } }
  | (OfferFail<'BALANCE_CAP_EXCEEDED'> & { room: Fen })

/** `after` = the counted balance once this quote is credited. */
export function checkCap(
  balance: BalanceParts,
  quote: Pick<Quote, 'pay' | 'credit'>,
  settings: Pick<OfferSettings, 'cap' | 'capCountsBonus'>
): CapCheck {
  const r = capRoom(balance, settings)
  const adds = settings.capCountsBonus ? quote.credit : quote.pay
  if (adds <= r.room) return { ok: true, data: { ...r, after: add(r.counted, adds) } }
  const what = settings.capCountsBonus ? '（含赠送金额）' : '（按实付本金计）'
  return {
    ok: false,
    room: r.room,
    error: {
      code: 'BALANCE_CAP_EXCEEDED',
      message:
        r.room > 0
          ? `余额上限${formatYuan(r.limit)}${what}，本次充值后将超出，当前最多还可存入${formatYuan(r.room)}`
          : `余额已达上限${formatYuan(r.limit)}${what}，暂不能充值`
    }
  }
}
