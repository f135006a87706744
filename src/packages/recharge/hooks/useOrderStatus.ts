import { useEffect, useState } from 'react'
import type { OrderState, OrderStatus } from '../../../../contracts/api'
import { recharge } from '../../../services'

export interface OrderWatch {
  status: OrderStatus | null
  /** last failed poll, if any */
  error: unknown
  /** the order reached a state that will not change by itself */
  settled: boolean
  /** stopped asking while the order was still pending */
  gaveUp: boolean
}

const FINAL: readonly OrderState[] = ['credited', 'closed', 'review']

export interface PollOptions {
  intervalMs?: number
  maxTries?: number
  /** change it to start polling again from the first try (a retry button) */
  round?: number
}

/**
 * Asks recharge.status every `intervalMs` until the order is credited, closed or sent to
 * review, or `maxTries` answers (about 30 s) have come back. Failed polls count as tries.
 */
export function useOrderStatus(outTradeNo: string | undefined, { intervalMs = 1000, maxTries = 30, round = 0 }: PollOptions = {}): OrderWatch {
  const [watch, setWatch] = useState<OrderWatch>({ status: null, error: null, settled: false, gaveUp: false })

  useEffect(() => {
    if (!outTradeNo) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let tries = 0
    setWatch({ status: null, error: null, settled: false, gaveUp: false })

    const poll = async () => {
      tries += 1
      let next: Partial<OrderWatch>
      try {
        const status = await recharge.status(outTradeNo)
        next = { status, error: null, settled: FINAL.includes(status.state) }
      } catch (error) {
        next = { error }
      }
      if (stopped) return
      const done = next.settled === true
      const gaveUp = !done && tries >= maxTries
      setWatch((w) => ({ ...w, ...next, gaveUp }))
      if (!done && !gaveUp) timer = setTimeout(poll, intervalMs)
    }
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [outTradeNo, intervalMs, maxTries, round])

  return watch
}
