import { closeExpiredOrders } from './recharge/sweep'
import { retryDueUploads } from './shipping'
import { sweepRefunds } from './refund/sweep'

/**
 * The timer-triggered sweep (cloudfunctions/cron), in batches that finish well inside cron's
 * 60 s timeout (cloudbaserc.json), where CloudBase kills the function mid-work.
 *
 * - Each batch reads a bounded number of items (ORDERS_PER_BATCH, UPLOADS_PER_BATCH,
 *   REFUNDS_PER_BATCH: refunds whose notification may be lost) and a run
 *   does at most MAX_BATCHES of each kind: the work of one run is bounded by count.
 * - A new item starts only within BUDGET_MS of the start; the slowest item (closing an order:
 *   up to three WeChat Pay calls of 10 s each, or one 15 s shipping cloud call) then still ends
 *   before the timeout.
 * - Whatever is left waits for the next run (every 5 minutes), which resumes where this one
 *   stopped: closed orders and attempted uploads leave the due set, and within a run a cursor
 *   on expireAt moves past orders whose closing keeps failing.
 */
export const ORDERS_PER_BATCH = 10
export const UPLOADS_PER_BATCH = 20
/** each refund: up to one query and one send per part, 10 s each (server/refund/send.ts) */
export const REFUNDS_PER_BATCH = 10
export const MAX_BATCHES = 5
export const BUDGET_MS = 25_000

export interface CronLimits {
  ordersPerBatch: number
  uploadsPerBatch: number
  /** refunds in processing caught up with WeChat Pay per batch (lost notifications); default REFUNDS_PER_BATCH */
  refundsPerBatch?: number
  maxBatches: number
  /** false once the run should start no new item */
  keepGoing: () => boolean
}

export interface CronReport {
  closed: number
  credited: number
  shippingAttempts: number
  /** refund parts asked about (sent or queried) */
  refundsAsked: number
  /** batches run, orders, uploads, then refunds */
  batches: { orders: number; uploads: number; refunds: number }
  /** true when a kind still had due items when the run stopped (the next run continues) */
  more: boolean
}

export function defaultCronLimits(startedAt = Date.now()): CronLimits {
  return {
    ordersPerBatch: ORDERS_PER_BATCH,
    uploadsPerBatch: UPLOADS_PER_BATCH,
    refundsPerBatch: REFUNDS_PER_BATCH,
    maxBatches: MAX_BATCHES,
    keepGoing: () => Date.now() - startedAt < BUDGET_MS
  }
}

export async function runCron(limits: CronLimits = defaultCronLimits()): Promise<CronReport> {
  const report: CronReport = { closed: 0, credited: 0, shippingAttempts: 0, refundsAsked: 0, batches: { orders: 0, uploads: 0, refunds: 0 }, more: false }

  let after: Date | undefined
  let full = true
  while (full && report.batches.orders < limits.maxBatches && limits.keepGoing()) {
    const batch = await closeExpiredOrders(limits.ordersPerBatch, after, limits.keepGoing)
    report.batches.orders++
    report.closed += batch.closed
    report.credited += batch.credited
    after = batch.last ?? after
    full = batch.scanned === limits.ordersPerBatch
  }
  let more = full

  full = true
  while (full && report.batches.uploads < limits.maxBatches && limits.keepGoing()) {
    const attempted = await retryDueUploads(limits.uploadsPerBatch, limits.keepGoing)
    report.batches.uploads++
    report.shippingAttempts += attempted
    full = attempted === limits.uploadsPerBatch
  }
  more ||= full

  const refundsPerBatch = limits.refundsPerBatch ?? REFUNDS_PER_BATCH
  after = undefined
  full = true
  while (full && report.batches.refunds < limits.maxBatches && limits.keepGoing()) {
    const batch = await sweepRefunds(refundsPerBatch, after, limits.keepGoing)
    report.batches.refunds++
    report.refundsAsked += batch.asked
    after = batch.last ?? after
    full = batch.scanned === refundsPerBatch
  }
  more ||= full
  report.more = more
  return report
}
