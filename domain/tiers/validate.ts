/**
 * Checks merchant-entered tier terms before they are published. Lists every problem ([] = fine),
 * like domain/offers/validate.ts, so an admin form can show them all at once.
 */
import { isFen } from '../money'
import { PERMILLE } from './discount'
import type { Tier, TierTerms } from './types'

/** The deepest discount a tier may give: 5折. Deeper is almost surely a typo (50 for 500). */
export const MIN_PAY_PERMILLE = 500

export function tierProblems(t: Tier): string[] {
  const out: string[] = []
  const name = t.name || t.id || '?'
  if (!t.id) out.push('tier id is required')
  if (!t.name) out.push(`tier ${t.id || '?'}: name is required`)
  if (!isFen(t.threshold) || t.threshold <= 0) out.push(`tier ${name}: threshold must be positive fen`)
  if (!Number.isSafeInteger(t.payPermille) || t.payPermille < MIN_PAY_PERMILLE || t.payPermille > PERMILLE) {
    out.push(`tier ${name}: payPermille must be an integer ${MIN_PAY_PERMILLE}..${PERMILLE}`)
  }
  if (!Array.isArray(t.benefits)) out.push(`tier ${name}: benefits must be a list`)
  else {
    if (t.benefits.some((b) => typeof b !== 'string' || b.trim() === '')) out.push(`tier ${name}: benefits must be non-empty text`)
    if (new Set(t.benefits).size !== t.benefits.length) out.push(`tier ${name}: repeated benefit`)
  }
  return out
}

export function tierTermsProblems(terms: TierTerms): string[] {
  const out: string[] = []
  if (!terms.version) out.push('version is required')
  const ids = new Set<string>()
  terms.tiers.forEach((t, i) => {
    out.push(...tierProblems(t))
    if (t.id && ids.has(t.id)) out.push(`duplicate tier id ${t.id}`)
    ids.add(t.id)
    const prev = terms.tiers[i - 1]
    if (!prev) return
    if (isFen(t.threshold) && isFen(prev.threshold) && t.threshold <= prev.threshold) {
      out.push(`tier ${t.name || t.id}: threshold must be above ${prev.name || prev.id}'s`)
    }
    // a higher tier never pays more than a lower one
    if (Number.isSafeInteger(t.payPermille) && t.payPermille > prev.payPermille) {
      out.push(`tier ${t.name || t.id}: discount must not be smaller than ${prev.name || prev.id}'s`)
    }
  })
  return out
}
