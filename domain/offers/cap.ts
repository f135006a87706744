/**
 * A3: a registered member's balance may not exceed the cap after a recharge. Checked before
 * payment, so a refused recharge never takes money. Whether bonus counts is a setting
 * (`capCountsBonus`, default true: the rule does not say, counting it is the safe reading).
 *
 * Unpaid orders count too (`held`): each holds the room its credit would take from the moment it
 * is created until it is credited or can no longer be paid, so that the balance plus every
 * payable order never exceeds the cap (server/recharge/cap-holds.ts keeps the holds).
 */
import { add, fen, formatYuan, ZERO, type Fen } from '../money'
import type { BalanceParts, OfferFail, OfferSettings, Quote } from './types'

export const DEFAULT_CAP = fen(500_000)

export type CapSettings = Pick<OfferSettings, 'cap' | 'capCountsBonus'>

export interface CapRoom {
  limit: Fen
  /** the part of the balance that counts toward the cap */
  counted: Fen
  /** room held by the member's unpaid orders, in the same measure */
  held: Fen
  /** how much more may be added (in the same measure), never negative */
  room: Fen
}

export function capRoom(balance: BalanceParts, settings: CapSettings, held: Fen = ZERO): CapRoom {
  const counted = settings.capCountsBonus ? add(balance.principal, balance.bonus) : balance.principal
  return { limit: settings.cap, counted, held, room: fen(Math.max(0, settings.cap - counted - held)) }
}

/** What a recharge adds toward the cap: its credit, or only what is paid when bonus does not count. */
export const capAdds = (quote: Pick<Quote, 'pay' | 'credit'>, settings: Pick<OfferSettings, 'capCountsBonus'>): Fen =>
  settings.capCountsBonus ? quote.credit : quote.pay

export type CapCheck =
  | { ok: true; data: CapRoom & { after: Fen } }
  | (OfferFail<'BALANCE_CAP_EXCEEDED'> & { room: Fen })

/**
 * `after` = the counted balance once this quote is credited (unpaid holds not included).
 * `maxPay`, when the caller knows it, is the largest amount the member can pay now; the refusal
 * then names it, so the message and the page state the same number.
 */
export function checkCap(
  balance: BalanceParts,
  quote: Pick<Quote, 'pay' | 'credit'>,
  settings: CapSettings,
  held: Fen = ZERO,
  maxPay?: Fen
): CapCheck {
  const r = capRoom(balance, settings, held)
  const adds = capAdds(quote, settings)
  if (adds <= r.room) return { ok: true, data: { ...r, after: add(r.counted, adds) } }
  return { ok: false, room: r.room, error: { code: 'BALANCE_CAP_EXCEEDED', message: capExceededText(r, settings, adds, maxPay) } }
}

/** The member's refusal: the cap, what is in the way, and what they can still do. */
export function capExceededText(r: CapRoom, settings: Pick<OfferSettings, 'capCountsBonus'>, adds: Fen, maxPay?: Fen): string {
  const cap = `余额上限${formatYuan(r.limit)}${settings.capCountsBonus ? '（含赠送金额）' : '（按实付本金计）'}`
  // their own unpaid orders are the reason: without them it would fit
  if (r.held > 0 && r.counted + adds <= r.limit) return `${cap}，您有待支付的充值订单占用了额度，请先完成支付，或待订单失效后再试`
  if (r.room <= 0) return `${cap}，余额已达上限，暂不能充值`
  if (maxPay !== undefined && maxPay > 0) return `${cap}，本次充值到账后将超出，当前最多还可充值${formatYuan(maxPay)}`
  return `${cap}，本次充值到账后将超出，请选择更小的金额`
}
