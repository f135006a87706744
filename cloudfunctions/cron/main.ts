import { closeExpiredOrders } from '../../server/recharge/sweep'
import { retryDueUploads } from '../../server/shipping'

/**
 * cron: the timer trigger (config.json). Closes expired unpaid orders (recovering any paid
 * one whose notification was lost) and retries shipping uploads that are due.
 */
export const main = async () => {
  const orders = await closeExpiredOrders()
  const shipping = await retryDueUploads()
  return { ok: true, data: { ...orders, shippingAttempts: shipping } }
}
