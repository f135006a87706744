/**
 * At checkout, which plan to suggest for a bill: first the plans that cover it (with the
 * member's current balance), smallest payment first; then the rest, largest credit first.
 */
import type { Fen } from '../money'
import type { Quote } from './types'

export function recommendForBill(bill: Fen, quotes: readonly Quote[], balance: Fen = 0 as Fen): Quote[] {
  const covers = (q: Quote) => balance + q.credit >= bill
  const id = (q: Quote) => q.planId ?? ''
  return [...quotes].sort((a, b) => {
    const ca = covers(a)
    const cb = covers(b)
    if (ca !== cb) return ca ? -1 : 1
    if (ca) {
      if (a.pay !== b.pay) return a.pay - b.pay
      if (a.credit !== b.credit) return b.credit - a.credit
    } else if (a.credit !== b.credit) {
      return b.credit - a.credit
    }
    return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0
  })
}
