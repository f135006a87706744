import { useRef } from 'react'

/** A key the server accepts as a requestId ([0-9A-Za-z_-]{8,64}); unique enough per member and tap. */
export function newRequestId(prefix = 'ck'): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`
}

/**
 * One requestId per bill the member means to pay: the same id for every retry of a tap (a lost
 * answer, a double tap) so the server pays once, and a new one when the bill changes (amount,
 * coupon, how the rest is paid) or after it was paid. The server refuses an id reused for another
 * bill, so the bill is the key.
 */
export function useRequestId(prefix?: string): { idFor: (bill: string) => string; done: () => void } {
  const held = useRef<{ bill: string; id: string } | null>(null)
  return {
    idFor: (bill) => {
      if (held.current?.bill !== bill) held.current = { bill, id: newRequestId(prefix) }
      return held.current.id
    },
    done: () => {
      held.current = null
    }
  }
}
