/**
 * The fund statement and liability report over a 10,000-posting journal: what ops answers
 * (server/recon/funds.ts: the database groups the entries, the domain adds the groups up) against
 * reading the whole journal in pages of 100 and computing in the function, each with a cloud-like
 * delay per database call (the journal's rows stay in the database either way).
 */
import type { Stack } from '../local/server/stack'
import { database } from '../server/cloud'
import { COLLECTIONS as C } from '../server/db/indexes'
import { fundStatementFor, aggregatedLiability } from '../server/recon/funds'
import { fundStatements, liabilityReport, type StatementRow } from '../domain/ledger/statement'
import { addDays } from '../domain/time'
import { recordCalls } from './db-calls'

const STORES = ['bench-a', 'bench-b', 'bench-c']

/** `n` postings over the last 60 days: recharges (fund + promo) and spends (revenue + bonus redeemed) by 500 members. */
export async function seedJournal(n: number): Promise<void> {
  const db = database()
  const now = Date.now()
  for (let i = 0; i < n; i += 500) {
    const batch = []
    for (let k = i; k < Math.min(n, i + 500); k++) {
      const member = `bench-m${k % 500}`
      const store = STORES[k % STORES.length]
      const shard = k % 8
      const at = new Date(now - ((k * 7919) % (60 * 86_400_000)))
      const entries =
        k % 3 === 0
          ? [
              { account: `m:${member}:principal`, kind: 'member_principal', amount: -2000 },
              { account: `m:${member}:bonus`, kind: 'member_bonus', amount: -300 },
              { account: `s:${store}:revenue:${shard}`, kind: 'store_revenue', amount: 2000 },
              { account: `s:${store}:bonus-redeemed:${shard}`, kind: 'store_bonus_redeemed', amount: 300 }
            ]
          : [
              { account: `s:${store}:fund:${shard}`, kind: 'store_fund', amount: -30000 },
              { account: `m:${member}:principal`, kind: 'member_principal', amount: 30000 },
              { account: `s:${store}:promo:${shard}`, kind: 'store_promo', amount: -5000 },
              { account: `m:${member}:bonus`, kind: 'member_bonus', amount: 5000 }
            ]
      batch.push({ _id: `bench-${k}`, kind: k % 3 === 0 ? 'spend' : 'recharge', memberId: member, storeId: store, entries, memo: 'bench', refs: {}, createdAt: at })
    }
    await db.collection(C.journal).add({ data: batch as never })
  }
}

async function wholeJournal(): Promise<StatementRow[]> {
  const out: StatementRow[] = []
  for (let skip = 0; ; skip += 100) {
    const { data } = await database().collection(C.journal).orderBy('_id', 'asc').skip(skip).limit(100).get()
    out.push(...(data as StatementRow[]))
    if (data.length < 100) return out
  }
}

async function measure<T>(stack: Stack, latencyMs: number, fn: () => Promise<T>): Promise<{ ms: number; calls: number }> {
  const rec = recordCalls(stack.cloud, latencyMs, () => false)
  const t0 = performance.now()
  try {
    await fn()
  } finally {
    rec.stop()
  }
  return { ms: performance.now() - t0, calls: rec.calls.length }
}

export async function benchFunds(stack: Stack, postings: number, latencyMs: number) {
  await seedJournal(postings)
  const to = new Date()
  const from = addDays(to, -30)
  const hq = { _id: 'bench', name: 'bench', role: 'hq_admin' as const, stores: 'all' as const }
  const day = (d: Date) => d.toISOString().slice(0, 10)
  const yearStart = addDays(to, -365)
  return {
    statementAggregated: await measure(stack, latencyMs, () => fundStatementFor(hq, { from: day(from), to: day(to) })),
    statementWholeJournal: await measure(stack, latencyMs, async () => fundStatements(await wholeJournal(), from, to)),
    liabilityAggregated: await measure(stack, latencyMs, () => aggregatedLiability(to, yearStart, {}, addDays(to, -365))),
    liabilityWholeJournal: await measure(stack, latencyMs, async () => liabilityReport(await wholeJournal(), to, yearStart))
  }
}
