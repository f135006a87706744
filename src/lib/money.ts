import { formatYuan, type Fen } from '../../domain/money'

/**
 * "¥12.50" for an amount the server sent (contracts carry plain integer fen; domain/money
 * brands them). Display only: the app never does arithmetic on money.
 */
export function yuan(amountFen: number): string {
  return groupThousands(formatYuan(amountFen as Fen))
}

/** "¥12345.00" → "¥12,345.00": the agreement says 5,000元, so the numbers on screen do too. */
function groupThousands(text: string): string {
  return text.replace(/(\d)(?=(\d{3})+\.)/g, '$1,')
}

/** "+¥12.50" / "-¥3.00" for history lines. */
export function signedYuan(amountFen: number): string {
  return amountFen > 0 ? `+${yuan(amountFen)}` : yuan(amountFen)
}

/** "1,220.00": the big balance figure, whose ¥ is in its label. */
export function yuanPlain(amountFen: number): string {
  return yuan(amountFen).replace('¥', '')
}

/** "12.50" (no currency sign, no separators) for NutUI <Price>, which draws its own ¥ and commas. */
export function yuanDigits(amountFen: number): string {
  return formatYuan(amountFen as Fen).replace('¥', '')
}
