import { uploadOnce } from '../shipping'

/**
 * Follow-up once an order is credited: upload its shipping info (发货信息录入) now, awaited
 * inside the function. CloudBase freezes a function's instance as soon as it returns, so work
 * left running would finish late or never; the wait is bounded by the cloud call's own timeout
 * (@cloudbase/node-sdk gives up after 15 s, within payNotify's and recharge's 20 s). A failed
 * upload stays pending for `cron` to retry; the task's claim keeps the two from both uploading.
 */
export async function afterCredit(outTradeNo: string): Promise<void> {
  try {
    await uploadOnce(`ship:${outTradeNo}`)
  } catch (err) {
    console.error('[chuzhi] shipping upload failed; cron retries it', err)
  }
}
