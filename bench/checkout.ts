/**
 * checkout.pay under load: payments per second and their latency with 1, 16 and 64 payers at
 * once, all on ONE account (a family or a shared card: every payment locks the same member
 * document) or spread over many accounts (the usual case), through the local server's HTTP
 * endpoint as the H5 app calls it. Work is bounded by count: `pays` payments per run.
 */
import type { Stack } from '../local/server/stack'
import { creditAll } from './crediting'
import { conflicts as countConflicts } from './instruments'

const STORE = 'store-xuhui'

interface Call {
  (name: string, event: unknown, openid: string): Promise<any>
}

const invoker =
  (stack: Stack): Call =>
  (name, event, openid) =>
    stack.cloud.invoke(name, event, { openid, appid: process.env.WECHATPAY_APPID })

/**
 * `n` members with money, each through the real path (recharge.create, WeChat Pay simulator,
 * signed notification, crediting): plan `planId`, or a custom amount in fen.
 */
export async function fundAccounts(stack: Stack, prefix: string, n: number, what: { planId: string } | { amount: number }): Promise<string[]> {
  const call = invoker(stack)
  const sim = stack.simulator!
  const openids = Array.from({ length: n }, (_x, i) => `${prefix}-${i}`)
  const version = (await call('recharge', { action: 'plans' }, openids[0])).data.agreement.version
  const notes = []
  for (const me of openids) {
    const r = await call('recharge', { action: 'create', ...what, agreementVersion: version }, me)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    notes.push(sim.signedNotification(sim.pay(r.data.outTradeNo)))
  }
  // a notification answered 500 (store account conflicts) is posted again until credited
  const quiet = console.error
  console.error = () => {}
  try {
    await creditAll(stack.url, notes, 8)
  } finally {
    console.error = quiet
  }
  return openids
}

export interface PayRun {
  /** successful payments per second over the run */
  perSec: number
  /** latency of each answered payment, ms */
  ms: number[]
  paid: number
  /** answered CONFLICT after the function's own retries (the app says 操作太频繁, the payer taps again) */
  conflicts: number
  /** database calls made during the run per successful payment, retries included */
  dbCallsPerPay: number
  /** write conflicts inside the function's transactions (each one reruns it), by document kind */
  conflictsByDoc: Map<string, number>
}

/** `accounts/s:store-xuhui:spend:3` → `accounts/s:store-xuhui:spend:*`; a payer's documents → `members/<the payer>`. */
const docKind = (where: string) => where.replace(/:\d+$/, ':*').replace(/^(members|payments|journal)\/.*/, '$1/<the payer>')

/**
 * `pays` payments of `amount` fen at one store, `concurrency` at a time; payment i is made by
 * `payers[i % payers.length]`. Each payment is one tap (its own requestId), sent over HTTP.
 */
export async function payAll(stack: Stack, payers: readonly string[], pays: number, concurrency: number, amount: number, tag: string): Promise<PayRun> {
  const db = stack.cloud.database
  const handle = db.handle
  let dbCalls = 0
  db.handle = (action, params) => {
    dbCalls++
    return handle.call(db, action, params)
  }
  const counted = countConflicts(stack.cloud, docKind)
  const ms: number[] = []
  let paid = 0
  let conflicts = 0
  let next = 0
  const t0 = performance.now()
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < pays) {
          const i = next++
          const t1 = performance.now()
          const res = await fetch(`${stack.url}/api/fn/checkout`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-openid': payers[i % payers.length] },
            body: JSON.stringify({ action: 'pay', storeId: STORE, amount, requestId: `bench-${tag}-${i}` })
          })
          const body = (await res.json()) as { ok: boolean; error?: { code: string; message: string } }
          ms.push(performance.now() - t1)
          if (body.ok) paid++
          else if (body.error?.code === 'CONFLICT') conflicts++
          else throw new Error(`checkout.pay answered ${JSON.stringify(body.error)}`)
        }
      })
    )
  } finally {
    db.handle = handle
    counted.stop()
  }
  return { perSec: (paid / (performance.now() - t0)) * 1000, ms, paid, conflicts, dbCallsPerPay: dbCalls / Math.max(1, paid), conflictsByDoc: counted.byDoc }
}
