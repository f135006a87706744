import { uploadOnce } from '../shipping'

/** Budget for work after crediting: WeChat Pay wants an answer within 5 seconds. */
const BUDGET_MS = 1500

/**
 * Best-effort follow-up once an order is credited: upload its shipping info now if WeChat
 * answers quickly; otherwise the task stays pending and `cron` retries it.
 */
export async function afterCredit(outTradeNo: string): Promise<void> {
  const attempt = uploadOnce(`ship:${outTradeNo}`).catch((err) => {
    console.error('[chuzhi] shipping upload failed; will retry', err)
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  const budget = new Promise((r) => (timer = setTimeout(r, BUDGET_MS)))
  await Promise.race([attempt, budget])
  clearTimeout(timer)
}
