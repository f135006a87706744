import { database, wx } from './cloud'
import { now } from './clock'
import { COLLECTIONS as C } from './db/indexes'
import type { ShippingDoc } from './collections'
import { rfc3339Shanghai } from './wechatpay'

/**
 * 发货信息录入. WeChat withholds the merchant's settlement of mini-program payments until
 * each order's shipping is uploaded, so every credited recharge is uploaded as a virtual good
 * (logistics_type 3). The task is created in the crediting transaction; uploads happen after
 * it, and failures are retried by the `cron` function with backoff, then left `failed` for
 * staff to see.
 *
 * Sent by cloud call (云调用), so no access token is handled here: WeChat's 发货信息录入 reference
 * (miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo) names the method
 * `wxa.sec.order.uploadShippingInfo`, with the same body as POST /wxa/sec/order/upload_shipping_info.
 * Each function that uploads lists it under `permissions.openapi` in its config.json.
 */
const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720, 1440]
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1

export function shippingPayload(s: ShippingDoc, at: Date) {
  return {
    order_key: { order_number_type: 2, transaction_id: s.transactionId },
    logistics_type: 3,
    delivery_mode: 1,
    shipping_list: [{ item_desc: '会员储值充值' }],
    upload_time: rfc3339Shanghai(at),
    payer: { openid: s.openid }
  }
}

async function send(data: ReturnType<typeof shippingPayload>): Promise<void> {
  const api = (wx().openapi as any)({ convertCase: false })
  const res = await api.wxa.sec.order.uploadShippingInfo(data)
  if (res && typeof res.errCode === 'number' && res.errCode !== 0) throw new Error(`errCode ${res.errCode}: ${res.errMsg}`)
  if (res && typeof res.errcode === 'number' && res.errcode !== 0) throw new Error(`errcode ${res.errcode}: ${res.errmsg}`)
}

/** One attempt; records the outcome on the task. Returns the task's new status. */
export async function uploadOnce(id: string): Promise<ShippingDoc['status'] | 'missing'> {
  const db = database()
  const ref = db.collection(C.shipping).doc(id)
  const { data } = await ref.get()
  const task = data as ShippingDoc | null
  if (!task) return 'missing'
  if (task.status === 'done') return 'done'
  const at = now()
  try {
    await send(shippingPayload(task, at))
    await ref.update({ data: { status: 'done', doneAt: at, attempts: task.attempts + 1, lastError: null } })
    return 'done'
  } catch (err) {
    const attempts = task.attempts + 1
    const failed = attempts >= MAX_ATTEMPTS
    const wait = BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)]
    await ref.update({
      data: {
        status: failed ? 'failed' : 'pending',
        attempts,
        lastError: String((err as Error)?.message ?? err).slice(0, 500),
        nextAttemptAt: new Date(at.getTime() + wait * 60_000)
      }
    })
    return failed ? 'failed' : 'pending'
  }
}

/** Uploads that are due, oldest first, one page. */
export async function retryDueUploads(limit = 50): Promise<number> {
  const db = database()
  const _ = db.command
  const { data } = await db
    .collection(C.shipping)
    .where({ status: 'pending', nextAttemptAt: _.lte(now()) })
    .orderBy('nextAttemptAt', 'asc')
    .limit(limit)
    .get()
  for (const t of data as ShippingDoc[]) await uploadOnce(t._id)
  return data.length
}
