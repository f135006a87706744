import { formatYuan, type Fen } from '../../domain/money'

/**
 * "¥12.50" for an amount the server sent (contracts carry plain integer fen; domain/money
 * brands them). Display only: the app never does arithmetic on money.
 */
export function yuan(amountFen: number): string {
  return formatYuan(amountFen as Fen)
}

/** "+¥12.50" / "-¥3.00" for history lines. */
export function signedYuan(amountFen: number): string {
  return amountFen > 0 ? `+${yuan(amountFen)}` : yuan(amountFen)
}

/** "12.50" (no currency sign) for NutUI <Price>, which draws its own ¥. */
export function yuanDigits(amountFen: number): string {
  return yuan(amountFen).replace('¥', '')
}
