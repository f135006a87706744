/**
 * npm run bench: prints figures, asserts nothing.
 *  - database calls of one recharge.create (up to the JSAPI order), one crediting and one
 *    checkout.pay, and their
 *    latency with BENCH_CALL_LATENCY_MS (10) per call (bench/db-calls.ts)
 *  - the local cloud against raw SQLite on the same file (local/cloud/bench.ts)
 *  - recharge.create p50/p99 (function + JSAPI order at the simulator, over loopback HTTP)
 *  - crediting: notifications credited per second through POST /api/pay/notify, p50/p99
 *  - raw SQLite doing the writes one crediting does, for the overhead ratio
 *  - crediting again with a cloud-like round trip per database call, store accounts in one shard
 *    and in STORE_ACCOUNT_SHARDS: the lock contention on a store's accounts (docs/performance.md)
 *  - checkout.pay: payments/s, p50/p99 and database calls per payment with 1, 16 and 64 payers at
 *    once, on one account and on 1,000, without and with a round trip per database call
 *    (bench/checkout.ts). BENCH_CHECKOUT_ONLY=1 runs the call counts and this part only.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import Database from 'better-sqlite3'
import { benchLocalCloud } from '../local/cloud/bench'
import { startStack } from '../local/server/stack'
import { STORE_ACCOUNT_SHARDS } from '../domain/ledger'
import { conflicts, dbLatency } from './instruments'
import { creditAll, paidNotifications } from './crediting'
import { countCalls, countPayCalls } from './db-calls'
import { benchFunds } from './funds'
import { fundAccounts, payAll } from './checkout'
import type { Stack } from '../local/server/stack'

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}
const ms = (x: number) => `${x.toFixed(2)} ms`

/** The writes of one crediting (4 accounts, journal, lot, member, campaign use, shipping, order) in one SQLite transaction. */
function rawCreditingPerSecond(file: string, n: number): number {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE IF NOT EXISTS docs (coll TEXT, id TEXT, body TEXT, version INTEGER, PRIMARY KEY (coll, id))')
  const get = db.prepare('SELECT body, version FROM docs WHERE coll = ? AND id = ?')
  const put = db.prepare('INSERT INTO docs (coll, id, body, version) VALUES (?, ?, ?, 1) ON CONFLICT (coll, id) DO UPDATE SET body = excluded.body, version = version + 1')
  const credit = db.transaction((i: number) => {
    const m = `m${i % 50}`
    for (const acc of [`s:x:fund`, `m:${m}:principal`, `s:x:promo`, `m:${m}:bonus`]) {
      const row = get.get('accounts', acc) as { body: string } | undefined
      const bal = row ? JSON.parse(row.body).balance : 0
      put.run('accounts', acc, JSON.stringify({ _id: acc, balance: bal + 100 }))
    }
    put.run('journal', `recharge:${i}`, JSON.stringify({ entries: [1, 2, 3, 4], at: Date.now() }))
    put.run('lots', `lot:${i}`, JSON.stringify({ principal: 30000, bonus: 5000 }))
    const mem = get.get('members', m) as { body: string } | undefined
    const lots = mem ? JSON.parse(mem.body).lots : []
    put.run('members', m, JSON.stringify({ lots: [...lots.slice(-20), { id: i }] }))
    put.run('campaign_uses', `${m}:c`, JSON.stringify({ count: i }))
    put.run('shipping_uploads', `ship:${i}`, JSON.stringify({ status: 'pending' }))
    const o = get.get('orders', `o${i}`)
    put.run('orders', `o${i}`, JSON.stringify({ status: 'credited', o }))
  })
  const t0 = performance.now()
  for (let i = 0; i < n; i++) credit(i)
  const elapsed = performance.now() - t0
  db.close()
  return (n / elapsed) * 1000
}

/** checkout.pay throughput and latency: 1, 16 and 64 payers, one account vs many (bench/checkout.ts). */
async function checkoutBench(stack: Stack) {
  const pays = Number(process.env.BENCH_PAYS ?? 128)
  const accounts = Number(process.env.BENCH_ACCOUNTS ?? 1000)
  const latencyMs = Number(process.env.BENCH_DB_LATENCY_MS ?? 2)
  const stamp = Date.now().toString(36)
  const t0 = performance.now()
  // one account: 充1000送200 covers 6 runs × `pays` payments of 1 yuan (768 yuan by default)
  const one = await fundAccounts(stack, `bench-one-${stamp}`, 1, { planId: 'p1000' })
  const many = await fundAccounts(stack, `bench-many-${stamp}`, accounts, { amount: 1000 })
  const funded = (performance.now() - t0) / 1000
  console.log(`\ncheckout.pay (${pays} payments of 1 yuan per run, one store, over HTTP; ${accounts + 1} accounts funded by recharge + notify in ${funded.toFixed(0)} s):`)
  let offset = 0
  const quiet = console.error
  const run = async (label: string, pool: readonly string[], concurrency: number, latency: number) => {
    // many accounts: each payment by the next account in turn (1,000 accounts, 10 yuan each)
    const payers = pool.length > 1 ? [...pool.slice(offset % pool.length), ...pool.slice(0, offset % pool.length)] : pool
    if (pool.length > 1) offset += pays
    const removeLatency = latency ? dbLatency(stack.cloud, latency) : () => {}
    console.error = () => {} // conflicts are counted, not logged
    const r = await payAll(stack, payers, pays, concurrency, 100, `${stamp}-${offset}-${latency}-${pool.length}-${concurrency}`).finally(() => {
      console.error = quiet
      removeLatency()
    })
    const hot = [...r.conflictsByDoc].sort((a, b) => b[1] - a[1]).map(([doc, n]) => `${doc} ${n}`).join(', ')
    console.log(
      `    ${label.padEnd(14)} ${String(concurrency).padStart(2)} payers   paid/s ${r.perSec.toFixed(0).padStart(4)}   p50 ${ms(pct(r.ms, 50))}   p99 ${ms(pct(r.ms, 99))}   CONFLICT ${r.conflicts}   db calls/paid ${r.dbCallsPerPay.toFixed(1)}${hot ? `   (conflicts: ${hot})` : ''}`
    )
  }
  for (const latency of [0, latencyMs]) {
    console.log(latency ? `  with ${latency} ms per database call:` : '  local database (no round trip):')
    for (const [label, pool] of [['one account', one], [`${accounts} accounts`, many]] as const) {
      for (const concurrency of [1, 16, 64]) await run(label, pool, concurrency, latency)
    }
  }
  // the many-accounts conflicts are on the store's spend shards: the same with other shard counts
  // (BENCH_MORE_SHARDS, a comma list: the old default 8 beside the current one, and 64)
  const shardSetting = process.env.CHUZHI_STORE_ACCOUNT_SHARDS
  const counts = (process.env.BENCH_MORE_SHARDS ?? '8,64').split(',').map(Number)
  try {
    for (const n of counts) {
      process.env.CHUZHI_STORE_ACCOUNT_SHARDS = String(n)
      console.log(`  with ${latencyMs} ms per database call, store accounts in ${n} shards (CHUZHI_STORE_ACCOUNT_SHARDS):`)
      for (const concurrency of [16, 64]) await run(`${accounts} accounts`, many, concurrency, latencyMs)
    }
  } finally {
    if (shardSetting === undefined) delete process.env.CHUZHI_STORE_ACCOUNT_SHARDS
    else process.env.CHUZHI_STORE_ACCOUNT_SHARDS = shardSetting
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-bench-'))
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, node ${process.version}\n`)

  const checkoutOnly = Boolean(process.env.BENCH_CHECKOUT_ONLY)
  if (!checkoutOnly) {
    console.log('local cloud (wx-server-sdk over SQLite) vs raw better-sqlite3, WAL file:')
    const local = await benchLocalCloud(path.join(dir, 'cloud'))
    for (const [k, v] of Object.entries(local)) console.log(`  ${k.padEnd(40)} ${v}`)
  }

  const quiet = console.error
  console.error = () => {}
  const stack = await startStack({ dataDir: dir, dbFile: path.join(dir, 'stack.sqlite'), timeScale: 1 })
  console.error = quiet
  stack.simulator!.setDeliveryMode('never') // the bench posts notifications itself, to time them

  const callMs = Number(process.env.BENCH_CALL_LATENCY_MS ?? 10)
  const perCall = await countCalls(stack, callMs)
  console.log(`\ndatabase calls, one plain plan recharge (p300, existing member), ${callMs} ms per call (median of 5):`)
  console.log(`  create, up to the JSAPI order   ${String(perCall.create.calls).padStart(2)} calls, ${perCall.create.depth} sequential, ${ms(perCall.create.ms)}   (${perCall.create.detail})`)
  console.log(`  crediting transaction           ${String(perCall.credit.calls).padStart(2)} calls, ${perCall.credit.depth} sequential, ${ms(perCall.credit.ms)}   (${perCall.credit.detail})`)
  console.log(`  after the commit (notify)       ${String(perCall.credit.after).padStart(2)} calls   (${perCall.credit.afterDetail || 'none'})`)
  const payCalls = await countPayCalls(stack, callMs)
  console.log(`  checkout.pay (10 yuan, balance) ${String(payCalls.calls).padStart(2)} calls, ${payCalls.depth} sequential, ${ms(payCalls.ms)}   (${payCalls.detail})`)
  if (checkoutOnly) await checkoutBench(stack)
  else {
    const POSTINGS = 10_000
    const funds = await benchFunds(stack, POSTINGS, callMs)
    console.log(`\nfund statement and liability report over ${POSTINGS} journal postings, ${callMs} ms per call (server/recon/funds.ts):`)
    for (const [k, v] of Object.entries(funds)) console.log(`  ${k.padEnd(24)} ${String(v.calls).padStart(3)} calls  ${ms(v.ms)}`)
  }
  if (process.env.BENCH_CALLS_ONLY || checkoutOnly) {
    await stack.close()
    fs.rmSync(dir, { recursive: true, force: true })
    return
  }

  const N = Number(process.env.BENCH_ORDERS ?? 400)
  const createMs: number[] = []
  const notes = await paidNotifications(stack, N, createMs)
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8)
  const { ms: creditMs, perSec, redelivered } = await creditAll(stack.url, notes, concurrency)
  if (redelivered) throw new Error(`notify answered 500 ${redelivered} times`)
  const raw = rawCreditingPerSecond(path.join(dir, 'raw.sqlite'), 2000)

  console.log(`\nrecharge (${N} orders, ${concurrency} concurrent notifications, WAL file, simulator over loopback HTTP):`)
  console.log(`  create             p50 ${ms(pct(createMs, 50))}   p99 ${ms(pct(createMs, 99))}`)
  console.log(`  crediting (notify) p50 ${ms(pct(creditMs, 50))}   p99 ${ms(pct(creditMs, 99))}`)
  console.log(`  notifications credited/s   ${perSec.toFixed(0)}`)
  console.log(`  raw SQLite, same writes/s  ${raw.toFixed(0)}   (overhead ×${(raw / perSec).toFixed(1)})`)

  // Locally a database call is answered at once, so a crediting transaction runs to its end before
  // the next notification is read and store accounts never conflict. With a round trip per call,
  // as from a cloud function, transactions overlap and queue on the store's account documents.
  const latencyMs = Number(process.env.BENCH_DB_LATENCY_MS ?? 2)
  const M = Number(process.env.BENCH_LATENCY_ORDERS ?? 200)
  console.log(`\ncrediting with ${latencyMs} ms per database call (${M} orders, ${concurrency} concurrent notifications, one store):`)
  const shardSetting = process.env.CHUZHI_STORE_ACCOUNT_SHARDS
  for (const shards of [1, STORE_ACCOUNT_SHARDS]) {
    process.env.CHUZHI_STORE_ACCOUNT_SHARDS = String(shards)
    const slowNotes = await paidNotifications(stack, M)
    const removeLatency = dbLatency(stack.cloud, latencyMs)
    const counted = conflicts(stack.cloud)
    console.error = () => {} // "crediting failed; WeChat Pay will retry" for each 500
    const run = await creditAll(stack.url, slowNotes, concurrency)
    console.error = quiet
    removeLatency()
    counted.stop()
    const label = `store accounts in ${shards} shard${shards > 1 ? 's' : ''}`.padEnd(26)
    console.log(
      `  ${label} credited/s ${run.perSec.toFixed(0).padStart(4)}   p50 ${ms(pct(run.ms, 50))}   p99 ${ms(pct(run.ms, 99))}   conflicts ${counted.total()}   answered 500 ${run.redelivered}`
    )
  }
  if (shardSetting === undefined) delete process.env.CHUZHI_STORE_ACCOUNT_SHARDS
  else process.env.CHUZHI_STORE_ACCOUNT_SHARDS = shardSetting

  await checkoutBench(stack)

  await stack.close()
  fs.rmSync(dir, { recursive: true, force: true })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
