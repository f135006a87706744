/**
 * Parsing what a member types into the custom-amount field. Pure string work, no floats:
 * "12.5" → 1250 fen. Display goes through formatYuan (lib/money.ts), never back through here.
 */
export type AmountInputError = 'EMPTY' | 'INVALID' | 'TOO_MANY_DECIMALS' | 'TOO_LARGE'

export type ParsedAmount = { ok: true; fen: number } | { ok: false; error: AmountInputError }

/** Ten million yuan: far above any stored-value cap, far below Number.MAX_SAFE_INTEGER fen. */
const MAX_YUAN_DIGITS = 8

export function parseYuanInput(text: string): ParsedAmount {
  const s = text.trim()
  if (s === '') return { ok: false, error: 'EMPTY' }
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s)
  if (!m) return { ok: false, error: 'INVALID' }
  const [, intPart, decPart = ''] = m
  if (decPart.length > 2) return { ok: false, error: 'TOO_MANY_DECIMALS' }
  const yuanDigits = intPart.replace(/^0+(?=\d)/, '')
  if (yuanDigits.length > MAX_YUAN_DIGITS) return { ok: false, error: 'TOO_LARGE' }
  const fen = Number(yuanDigits) * 100 + Number(decPart.padEnd(2, '0'))
  return { ok: true, fen }
}

export const AMOUNT_ERROR_TEXT: Record<AmountInputError, string> = {
  EMPTY: '请输入充值金额',
  INVALID: '请输入正确的金额',
  TOO_MANY_DECIMALS: '金额最多两位小数',
  TOO_LARGE: '金额过大'
}
