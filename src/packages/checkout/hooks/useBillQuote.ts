import { useEffect, useState } from 'react'
import type { CheckoutQuote } from '../../../../contracts/checkout'
import { checkout, type BillInput } from '../../../services'

export interface BillQuoteState {
  quote: CheckoutQuote | null
  /** the bill the quote (or error) answers, as `billKey` writes it */
  forBill: string | null
  error: unknown
  loading: boolean
}

const IDLE: BillQuoteState = { quote: null, forBill: null, error: null, loading: false }

/** One string per bill: the quote, the pay button and the requestId agree on which bill they mean. */
export const billKey = (b: BillInput) => `${b.storeId}|${b.amount}|${b.couponId ?? ''}|${b.payFrom ?? 'own'}`

/**
 * checkout.quote for the bill on screen, asked `delayMs` after the last key (the keypad fires one
 * change per digit). `bill === null`: nothing to price. Only the newest bill's answer is kept.
 */
export function useBillQuote(bill: BillInput | null, delayMs = 400, round = 0): BillQuoteState {
  const [state, setState] = useState<BillQuoteState>(IDLE)
  const key = bill ? billKey(bill) : null

  useEffect(() => {
    if (!bill || !key) {
      setState(IDLE)
      return
    }
    let current = true
    setState((s) => ({ ...s, loading: true, error: null }))
    const timer = setTimeout(() => {
      checkout.quote(bill).then(
        (quote) => current && setState({ quote, forBill: key, error: null, loading: false }),
        (error: unknown) => current && setState({ quote: null, forBill: key, error, loading: false })
      )
    }, delayMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
    // the key names the bill: a new object for the same bill is not a new quote
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs, round])

  return state
}
