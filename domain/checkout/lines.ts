/**
 * What a bill is for, when the till sends lines. Stored value may not buy virtual goods (E2:
 * recharges, gift cards, membership cards): that would turn prepaid value into another prepaid
 * value outside the ledger. Lines must add up to the bill, so a till cannot hide a virtual line
 * behind a rounded total.
 */
import type { Fen } from '../money'

export interface BillLine {
  name: string
  amount: Fen
  virtual: boolean
}

export const VIRTUAL_GOODS_MESSAGE = '储值余额不能购买虚拟商品（如充值、礼品卡、会员卡），请用微信支付'

/** Why the lines cannot be paid from the balance (lines that do not add up are bad input), or null. */
export function linesRefusal(amount: Fen, lines: readonly BillLine[] | undefined): { code: 'VIRTUAL_GOODS' | 'INVALID_INPUT'; message: string } | null {
  if (!lines || lines.length === 0) return null
  if (lines.reduce((s, l) => s + l.amount, 0) !== amount) return { code: 'INVALID_INPUT', message: '商品明细的合计与消费金额不一致，请核对后重试' }
  if (lines.some((l) => l.virtual)) return { code: 'VIRTUAL_GOODS', message: VIRTUAL_GOODS_MESSAGE }
  return null
}
