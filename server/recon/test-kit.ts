/** Shared by the reconciliation tests: trades happen on an earlier day, then that day is reconciled. */

export const DAY_MS = 24 * 3600_000

/**
 * Runs `fn` with Date (only) at `when`, moving on in real time; always back to the real clock.
 * Timers stay real, so the simulator and our functions agree on the clock.
 */
export async function at<T>(when: Date, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    advanceTimers: true,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout']
  })
  try {
    jest.setSystemTime(when)
    return await fn()
  } finally {
    jest.useRealTimers()
  }
}
