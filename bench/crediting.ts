/** Shared by the benchmarks: orders to credit, and crediting them through the notify endpoint. */
import type { Stack } from '../local/server/stack'

/** Creates `n` orders (40 members, one store) and returns their paid notifications, signed. */
export async function paidNotifications(stack: Stack, n: number, createMs: number[] = []) {
  const sim = stack.simulator!
  const call = (name: string, event: unknown, openid: string) => stack.cloud.invoke(name, event, { openid, appid: process.env.WECHATPAY_APPID })
  const version = (await call('recharge', { action: 'plans' }, 'bench-0')).data.agreement.version
  const orders: string[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const r = await call('recharge', { action: 'create', amount: 1000 + (i % 50), agreementVersion: version }, `bench-${i % 40}`)
    createMs.push(performance.now() - t0)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    orders.push(r.data.outTradeNo)
  }
  return orders.map((o) => sim.signedNotification(sim.pay(o)))
}

/**
 * Posts every notification, `concurrency` at a time. One answered 500 (crediting gave up on
 * conflicts) is posted again at once, as WeChat Pay would redeliver it later; `ms` is the time
 * until each was credited.
 */
export async function creditAll(url: string, notes: Array<{ headers: Record<string, string>; body: string }>, concurrency: number) {
  const ms: number[] = []
  let redelivered = 0
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < notes.length) {
        const n = notes[next++]
        const t1 = performance.now()
        for (;;) {
          const res = await fetch(`${url}/api/pay/notify`, { method: 'POST', headers: n.headers, body: n.body })
          await res.text()
          if (res.status === 204) break
          if (res.status !== 500) throw new Error(`notify answered ${res.status}`)
          redelivered++
        }
        ms.push(performance.now() - t1)
      }
    })
  )
  return { ms, redelivered, perSec: (notes.length / (performance.now() - t0)) * 1000 }
}
