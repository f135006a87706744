import { useEffect, useState } from 'react'
import type { PlanQuote } from '../../contracts/api'
import { recharge } from '../services'

export interface QuoteState {
  quote: PlanQuote | null
  error: unknown
  loading: boolean
}

const IDLE: QuoteState = { quote: null, error: null, loading: false }

/**
 * The server's quote (bonus, gifts) for a custom amount in fen, asked `delayMs` after the
 * member stops typing. `amount === null` means nothing valid to quote.
 */
export function useQuote(amount: number | null, storeId?: string, delayMs = 400): QuoteState {
  const [state, setState] = useState<QuoteState>(IDLE)

  useEffect(() => {
    if (amount === null) {
      setState(IDLE)
      return
    }
    let current = true
    setState({ quote: null, error: null, loading: true })
    const timer = setTimeout(() => {
      recharge.quote(amount, storeId).then(
        (quote) => current && setState({ quote, error: null, loading: false }),
        (error: unknown) => current && setState({ quote: null, error, loading: false })
      )
    }, delayMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [amount, storeId, delayMs])

  return state
}
