/**
 * Server time. Functions ask this module, never `new Date()` directly, so tests can move the
 * clock (an order's expiry, a campaign's window) without faking timers under HTTP clients.
 *
 * The offset lives on globalThis under a registered symbol: `npm start` runs each function from
 * its own bundle (its own copy of this module), and the local stack's /api/dev/clock must move
 * them all. In the cloud nothing sets it: 0.
 */
const OFFSET = Symbol.for('chuzhi.clock.offsetMs')
const shared = globalThis as unknown as Record<symbol, number | undefined>

export function now(): Date {
  return new Date(Date.now() + (shared[OFFSET] ?? 0))
}

/** Test and local-stack hook: shift server time by `ms` (0 resets). */
export function shiftClock(ms: number): void {
  shared[OFFSET] = ms
}
