/**
 * How many database calls one `recharge.create` and one crediting make, and how many of them must
 * wait for each other (the sequential depth: what a round trip per call costs in latency). The
 * local SDK sends every call through `cloud.database.handle`, so wrapping it sees them all;
 * `latencyMs` delays each answer like the network from a cloud function to the cloud database.
 */
import type { LocalCloud } from '../local/cloud'
import type { Stack } from '../local/server/stack'

interface Call {
  action: string
  start: number
  end: number
  /** the simulator had received the JSAPI order when this call started */
  afterJsapi: boolean
}

/** Records every database call (and delays it by `latencyMs`) until `stop()`. */
export function recordCalls(cloud: LocalCloud, latencyMs: number, jsapiPlaced: () => boolean) {
  const db = cloud.database
  const handle = db.handle
  const calls: Call[] = []
  db.handle = async (action, params) => {
    const call: Call = { action: action.replace(/^database\./, ''), start: performance.now(), end: 0, afterJsapi: jsapiPlaced() }
    calls.push(call)
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    try {
      return await handle.call(db, action, params)
    } finally {
      call.end = performance.now()
    }
  }
  return { calls, stop: () => void (db.handle = handle) }
}

/** The longest chain of calls each started after the previous one ended. */
export function sequentialDepth(calls: readonly Call[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start)
  const depth: number[] = []
  sorted.forEach((c, i) => {
    let d = 0
    for (let j = 0; j < i; j++) if (sorted[j].end <= c.start) d = Math.max(d, depth[j])
    depth.push(d + 1)
  })
  return Math.max(0, ...depth)
}

const summary = (calls: readonly Call[]) => {
  const by = new Map<string, number>()
  for (const c of calls) by.set(c.action, (by.get(c.action) ?? 0) + 1)
  return [...by].map(([a, n]) => `${a} ${n}`).join(', ')
}

export interface CallCounts {
  create: { calls: number; depth: number; ms: number; detail: string }
  credit: { calls: number; depth: number; ms: number; detail: string; after: number; afterDetail: string }
}

/**
 * One plain plan recharge (p300, a member already, no campaign) for a fresh member: the create up
 * to the JSAPI order, then the crediting transaction (through its commit) of its notification,
 * and what the notification does after the commit. Median of `runs`.
 */
export async function countCalls(stack: Stack, latencyMs: number, runs = 5): Promise<CallCounts> {
  const sim = stack.simulator!
  const call = (name: string, event: unknown, openid: string) => stack.cloud.invoke(name, event, { openid, appid: process.env.WECHATPAY_APPID })
  const version = (await call('recharge', { action: 'plans' }, 'calls-0')).data.agreement.version
  const results: CallCounts[] = []
  for (let i = 0; i < runs; i++) {
    const me = `calls-${Date.now().toString(36)}-${i}`
    // a member already (its member document and accounts exist), as most recharges are
    const first = await call('recharge', { action: 'create', planId: 'p300', agreementVersion: version }, me)
    await notify(stack.url, sim.signedNotification(sim.pay(first.data.outTradeNo)))

    const known = sim.orders.size
    const c = recordCalls(stack.cloud, latencyMs, () => sim.orders.size > known)
    let t0 = performance.now()
    const created = await call('recharge', { action: 'create', planId: 'p300', agreementVersion: version }, me)
    c.stop()
    if (!created.ok) throw new Error(JSON.stringify(created.error))
    const beforeJsapi = c.calls.filter((x) => !x.afterJsapi)
    const createMs = Math.max(...beforeJsapi.map((x) => x.end)) - t0

    const note = sim.signedNotification(sim.pay(created.data.outTradeNo))
    const n = recordCalls(stack.cloud, latencyMs, () => false)
    t0 = performance.now()
    await notify(stack.url, note)
    n.stop()
    const commit = n.calls.findIndex((x) => x.action === 'commitTransaction')
    const tx = n.calls.slice(0, commit + 1)
    const after = n.calls.slice(commit + 1)
    results.push({
      create: { calls: beforeJsapi.length, depth: sequentialDepth(beforeJsapi), ms: createMs, detail: summary(beforeJsapi) },
      credit: { calls: tx.length, depth: sequentialDepth(tx), ms: tx[tx.length - 1].end - t0, detail: summary(tx), after: after.length, afterDetail: summary(after) }
    })
  }
  const mid = <T>(xs: T[], f: (x: T) => number) => [...xs].sort((a, b) => f(a) - f(b))[Math.floor(xs.length / 2)]
  return { create: mid(results, (r) => r.create.ms).create, credit: mid(results, (r) => r.credit.ms).credit }
}

async function notify(url: string, n: { headers: Record<string, string>; body: string }) {
  const res = await fetch(`${url}/api/pay/notify`, { method: 'POST', headers: n.headers, body: n.body })
  await res.text()
  if (res.status !== 204) throw new Error(`notify answered ${res.status}`)
}

export interface PayCallCounts {
  calls: number
  depth: number
  ms: number
  detail: string
}

/**
 * One `checkout.pay` of 10 yuan by a member with balance, at a store whose revenue shards exist
 * (the warm-up payments open them): every database call up to the answer. Median of `runs`.
 */
export async function countPayCalls(stack: Stack, latencyMs: number, runs = 5): Promise<PayCallCounts> {
  const sim = stack.simulator!
  const call = (name: string, event: unknown, openid: string) => stack.cloud.invoke(name, event, { openid, appid: process.env.WECHATPAY_APPID })
  const me = `pay-calls-${Date.now().toString(36)}`
  const version = (await call('recharge', { action: 'plans' }, me)).data.agreement.version
  const order = await call('recharge', { action: 'create', planId: 'p1000', agreementVersion: version }, me)
  await notify(stack.url, sim.signedNotification(sim.pay(order.data.outTradeNo)))
  const pay = (k: string) => call('checkout', { action: 'pay', storeId: 'store-xuhui', amount: 1000, requestId: `bench-${me}-${k}` }, me)
  for (let i = 0; i < 24; i++) if (!(await pay(`warm-${i}`)).ok) throw new Error('warm-up payment failed')
  const results: PayCallCounts[] = []
  for (let i = 0; i < runs; i++) {
    const c = recordCalls(stack.cloud, latencyMs, () => false)
    const t0 = performance.now()
    const r = await pay(`run-${i}`)
    c.stop()
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    results.push({ calls: c.calls.length, depth: sequentialDepth(c.calls), ms: Math.max(...c.calls.map((x) => x.end)) - t0, detail: summary(c.calls) })
  }
  return [...results].sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)]
}
