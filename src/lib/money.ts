import { formatYuan, type Fen } from '../../domain/money'

/**
 * "¥12.50" for an amount the server sent (contracts carry the branded `Fen` of domain/money).
 * Display only: the app never does arithmetic on money.
 */
export function yuan(amount: Fen): string {
  return groupThousands(formatYuan(amount))
}

/** "¥12345.00" → "¥12,345.00": the agreement says 5,000元, so the numbers on screen do too. */
function groupThousands(text: string): string {
  return text.replace(/(\d)(?=(\d{3})+\.)/g, '$1,')
}

/** "+¥12.50" / "-¥3.00" for history lines. */
export function signedYuan(amount: Fen): string {
  return amount > 0 ? `+${yuan(amount)}` : yuan(amount)
}

/** "1,220.00": the big balance figure, whose ¥ is in its label. */
export function yuanPlain(amount: Fen): string {
  return yuan(amount).replace('¥', '')
}

/** "12.50" (no currency sign, no separators) for NutUI <Price>, which draws its own ¥ and commas. */
export function yuanDigits(amount: Fen): string {
  return formatYuan(amount).replace('¥', '')
}
