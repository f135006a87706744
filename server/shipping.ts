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

/**
 * How long an attempt owns its task before another may try: longer than any function's timeout
 * (cron's 60 s in cloudbaserc.json), so a function killed mid-upload is retried only once it is
 * surely gone.
 */
export const CLAIM_MS = 5 * 60_000

/**
 * One attempt; records the outcome on the task. Returns the task's status afterwards.
 *
 * The attempt first claims the task (attempts n → n+1, only if still n): crediting, cron and staff
 * may all try the same task at once, and a second upload of one order counts as 重新发货, which
 * WeChat allows once per order. Whoever loses the claim leaves the upload to the winner.
 */
export async function uploadOnce(id: string): Promise<ShippingDoc['status'] | 'missing'> {
  const db = database()
  const ref = db.collection(C.shipping).doc(id)
  const { data } = await ref.get()
  const task = data as ShippingDoc | null
  if (!task) return 'missing'
  if (task.status === 'done') return 'done'
  const at = now()
  const attempts = task.attempts + 1
  const claim = await db
    .collection(C.shipping)
    .where({ _id: id, status: task.status, attempts: task.attempts })
    .update({ data: { attempts, nextAttemptAt: new Date(at.getTime() + CLAIM_MS) } })
  if (claim.stats.updated !== 1) return task.status
  try {
    await send(shippingPayload(task, at))
    await ref.update({ data: { status: 'done', doneAt: at, lastError: null } })
    return 'done'
  } catch (err) {
    const failed = attempts >= MAX_ATTEMPTS
    const wait = BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)]
    await ref.update({
      data: {
        status: failed ? 'failed' : 'pending',
        lastError: String((err as Error)?.message ?? err).slice(0, 500),
        nextAttemptAt: new Date(at.getTime() + wait * 60_000)
      }
    })
    return failed ? 'failed' : 'pending'
  }
}

/**
 * Uploads that are due, oldest first, at most `limit`, while `keepGoing()` allows (cron's time
 * budget). Returns how many were attempted. Each attempt moves its task out of the due set
 * (claimed, done, or backed off), so the next call resumes where this one stopped.
 */
export async function retryDueUploads(limit = 50, keepGoing: () => boolean = () => true): Promise<number> {
  const db = database()
  const _ = db.command
  const { data } = await db
    .collection(C.shipping)
    .where({ status: 'pending', nextAttemptAt: _.lte(now()) })
    .orderBy('nextAttemptAt', 'asc')
    .limit(limit)
    .get()
  let attempted = 0
  for (const t of data as ShippingDoc[]) {
    if (!keepGoing()) break
    await uploadOnce(t._id)
    attempted++
  }
  return attempted
}
