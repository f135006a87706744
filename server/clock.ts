/**
 * Server time. Functions ask this module, never `new Date()` directly, so tests can move the
 * clock (an order's expiry, a campaign's window) without faking timers under HTTP clients.
 */
let offsetMs = 0

export function now(): Date {
  return new Date(Date.now() + offsetMs)
}

/** Test and local-stack hook: shift server time by `ms` (0 resets). */
export function shiftClock(ms: number): void {
  offsetMs = ms
}
