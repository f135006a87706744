import { runCron } from '../../server/cron'
import { reconcileYesterday } from '../../server/recon/daily'

/**
 * cron: the timer triggers (cloudbaserc.json).
 * - `every5min`: closes expired unpaid orders (recovering any paid one whose notification was
 *   lost), retries shipping uploads that are due and catches up refunds whose notification was
 *   lost, in batches that end well inside its timeout (server/cron.ts).
 * - `recon`: every 10 minutes from 10:00 to 13:59, reconciles yesterday with WeChat Pay's trade
 *   bill (available from 10:00), continuing until the day is done (server/recon/daily.ts).
 */
export const main = async (event: { TriggerName?: string } = {}) => {
  if (event?.TriggerName === 'recon') {
    const r = await reconcileYesterday()
    return { ok: true, data: r }
  }
  const { closed, credited, shippingAttempts, refundsAsked, more } = await runCron()
  return { ok: true, data: { closed, credited, shippingAttempts, refundsAsked, more } }
}
