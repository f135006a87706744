import { runCron } from '../../server/cron'

/**
 * cron: the timer trigger (cloudbaserc.json, every 5 minutes). Closes expired unpaid orders
 * (recovering any paid one whose notification was lost) and retries shipping uploads that are
 * due, in batches that end well inside its timeout (server/cron.ts).
 */
export const main = async () => {
  const { closed, credited, shippingAttempts, more } = await runCron()
  return { ok: true, data: { closed, credited, shippingAttempts, more } }
}
