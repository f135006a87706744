/**
 * Profiles crediting alone: starts the local stack, creates BENCH_ORDERS orders (default 400),
 * then CPU-profiles while their notifications are posted, BENCH_CONCURRENCY at a time (default 1),
 * and prints time until credited, write conflicts by document, and where the CPU time went (self
 * time by area and by function). PROFILE_DB_LATENCY_MS adds a cloud-like round trip to every
 * database call (bench/instruments.ts); PROFILE_OUT=file.cpuprofile keeps the raw profile.
 *   BENCH_CONCURRENCY=8 PROFILE_DB_LATENCY_MS=2 npx tsx bench/profile-credit.ts
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import inspector from 'inspector'
import { startStack } from '../local/server/stack'
import { conflicts, dbLatency } from './instruments'
import { creditAll, paidNotifications } from './crediting'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount: number
  children?: number[]
}

/** Which layer a stack frame belongs to. */
function area(url: string, fn: string): string {
  const u = url.replace(/^file:\/\//, '')
  if (!u) return fn === '(garbage collector)' ? 'gc' : fn === '(program)' || fn === '(idle)' ? fn : 'native'
  if (u.includes('node_modules/bson')) return 'sdk: bson/EJSON'
  if (u.includes('node_modules/@cloudbase/database')) return 'sdk: @cloudbase/database'
  if (u.includes('node_modules/@cloudbase/node-sdk')) return 'sdk: @cloudbase/node-sdk'
  if (u.includes('node_modules/wx-server-sdk')) return 'sdk: wx-server-sdk'
  if (u.includes('node_modules/mingo')) return 'mingo'
  if (u.includes('node_modules/better-sqlite3')) return 'better-sqlite3 (js)'
  if (u.includes('node_modules/tsx') || u.includes('node_modules/esbuild')) return 'tsx'
  if (u.includes('node_modules/')) return 'node_modules: ' + u.split('node_modules/').pop()!.split('/').slice(0, u.includes('/@') ? 2 : 1).join('/')
  if (u.startsWith('node:')) return 'node: ' + u.slice(5).split('/')[0]
  const rel = path.relative(process.cwd(), u)
  return rel.split('/').slice(0, 2).join('/')
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-prof-'))
  const quiet = console.error
  console.error = () => {}
  const stack = await startStack({ dataDir: dir, dbFile: path.join(dir, 'stack.sqlite'), timeScale: 1 })
  console.error = quiet
  stack.simulator!.setDeliveryMode('never')
  const N = Number(process.env.BENCH_ORDERS ?? 400)
  const notes = await paidNotifications(stack, N)

  // PROFILE_DB_LATENCY_MS: a cloud-like round trip per database call (see instruments.ts)
  const latency = Number(process.env.PROFILE_DB_LATENCY_MS ?? 0)
  if (latency > 0) dbLatency(stack.cloud, latency)
  const conflicting = conflicts(stack.cloud, (w) => w.replace(/bench-\d+/g, '<member>').replace(/R\w{10,}/g, '<order>'))

  const session = new inspector.Session()
  session.connect()
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))))
  await post('Profiler.enable')
  await post('Profiler.setSamplingInterval', { interval: 100 })
  await post('Profiler.start')
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 1)
  const t0 = performance.now()
  const { ms: latencies, redelivered: failed } = await creditAll(stack.url, notes, concurrency)
  const wall = performance.now() - t0
  latencies.sort((a, b) => a - b)
  const { profile } = await post('Profiler.stop')
  if (process.env.PROFILE_OUT) fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile))
  await stack.close()
  fs.rmSync(dir, { recursive: true, force: true })

  const nodes = profile.nodes as Node[]
  const dt = (profile.endTime - profile.startTime) / 1000 / profile.samples.length // ms per sample
  const hits = new Map<number, number>()
  for (const s of profile.samples as number[]) hits.set(s, (hits.get(s) ?? 0) + 1)
  const byArea = new Map<string, number>()
  const byFn = new Map<string, number>()
  for (const n of nodes) {
    const h = hits.get(n.id) ?? 0
    if (!h) continue
    const a = area(n.callFrame.url, n.callFrame.functionName)
    byArea.set(a, (byArea.get(a) ?? 0) + h)
    const f = `${n.callFrame.functionName || '(anonymous)'} ${a}:${n.callFrame.lineNumber + 1}`
    byFn.set(f, (byFn.get(f) ?? 0) + h)
  }
  const perOrder = (h: number) => ((h * dt) / N).toFixed(3)
  console.log(`${N} notifications, ${concurrency} at a time${latency ? `, ${latency} ms per database call` : ''}: ${(wall / N).toFixed(2)} ms each (wall), ${((N / wall) * 1000).toFixed(0)}/s`)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1)
  console.log(`until credited: p50 ${pct(50)} ms, p99 ${pct(99)} ms; answered 500 and redelivered: ${failed}`)
  const total = conflicting.total()
  console.log(`write conflicts: ${total} (${(total / N).toFixed(2)} per notification)`)
  for (const [doc, k] of [...conflicting.byDoc].sort((x, y) => y[1] - x[1]).slice(0, 8)) console.log(`  ${String(k).padStart(6)}  ${doc}`)
  console.log('\nself time per notification, by area (ms):')
  for (const [a, h] of [...byArea].sort((x, y) => y[1] - x[1])) console.log(`  ${perOrder(h).padStart(8)}  ${a}`)
  console.log('\ntop functions (self ms per notification):')
  for (const [f, h] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, Number(process.env.PROFILE_TOP ?? 30))) console.log(`  ${perOrder(h).padStart(8)}  ${f}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
