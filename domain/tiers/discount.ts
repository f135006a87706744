/**
 * The tier discount on a bill. Rounding is stated once, here: the payable amount is rounded DOWN
 * to the fen, so the discount is rounded up and any fraction of a fen goes to the member.
 * Example: ¥0.19 at 95折 = 18.05 fen → pays 18 fen, discount 1 fen.
 */
import { mulDivFloor, MoneyError, sub, type Fen } from '../money'

export const PERMILLE = 1000

export interface Discounted {
  payable: Fen
  discount: Fen
}

export function applyPermille(amount: Fen, payPermille: number): Discounted {
  if (!Number.isSafeInteger(payPermille) || payPermille < 0 || payPermille > PERMILLE) {
    throw new MoneyError(`payPermille must be an integer 0..1000, got ${payPermille}`)
  }
  if (!Number.isSafeInteger(amount) || amount < 0) throw new MoneyError(`amount must be non-negative fen, got ${amount}`)
  const payable = mulDivFloor(amount, payPermille, PERMILLE)
  return { payable, discount: sub(amount, payable) }
}

/** 950 → "95折", 900 → "9折", 885 → "88.5折", 1000 → "无折扣". For people only. */
export function discountLabel(payPermille: number): string {
  if (payPermille >= PERMILLE) return '无折扣'
  const tenths = payPermille / 10 // 885 → 88.5; one decimal at most, so no float drift in display
  const text = payPermille % 100 === 0 ? String(payPermille / 100) : String(tenths)
  return `${text}折`
}
