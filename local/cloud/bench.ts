/**
 * Micro-benchmark of the local cloud (wired into `npm run bench`; no timed tests).
 *
 * (a) raw better-sqlite3: one JSON document insert per SQLite transaction, WAL file mode;
 * (b) the same file through the real wx-server-sdk: `db.runTransaction` doing get + update + add,
 *     sequentially, then 10 at a time on one document (conflicts retried by inTransaction).
 */
import fs from 'fs'
import path from 'path'
import Database from 'better-sqlite3'
import { inTransaction } from '../../server/db/transaction'
import { createLocalCloud } from './runtime'

const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000)

export async function benchLocalCloud(dir: string): Promise<Record<string, number>> {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'local-cloud-bench.sqlite')
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })

  const raw = new Database(file)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL')
  raw.exec('CREATE TABLE raw_docs (id TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL)')
  const insert = raw.prepare('INSERT INTO raw_docs (id, body, version) VALUES (?, ?, 1)')
  const insertOne = raw.transaction((i: number) =>
    insert.run(`doc${i}`, JSON.stringify({ _id: `doc${i}`, memberId: `m${i % 100}`, amount: i, at: { $date: Date.now() } }))
  )
  const rawCount = 5000
  let t0 = performance.now()
  for (let i = 0; i < rawCount; i++) insertOne(i)
  const rawMs = performance.now() - t0
  raw.close()

  const local = createLocalCloud({ file })
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sdk = require('wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
  const db = sdk.database({ throwOnNotFound: false })
  const _ = db.command
  try {
    await db.collection('accounts').doc('bench').set({ data: { owner: 'bench', balance: 0 } })
    const step = async (t: any, i: number) => {
      const acc = await t.collection('accounts').doc('bench').get()
      await t.collection('accounts').doc('bench').update({ data: { balance: _.inc(1) } })
      await t.collection('journal').add({ data: { memberId: 'bench', seq: i, before: acc.data.balance, at: new Date() } })
    }
    const sequential = 500
    t0 = performance.now()
    for (let i = 0; i < sequential; i++) await db.runTransaction((t: any) => step(t, i))
    const seqMs = performance.now() - t0

    const contended = 200
    t0 = performance.now()
    for (let i = 0; i < contended; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_x, k) => inTransaction(db, (t) => step(t, sequential + i + k), { attempts: 50 })))
    }
    const contendedMs = performance.now() - t0

    return {
      rawInsertTxPerSec: perSecond(rawCount, rawMs),
      sdkTransactionsPerSec: perSecond(sequential, seqMs),
      sdkContendedTransactionsPerSec: perSecond(contended, contendedMs)
    }
  } finally {
    local.close()
  }
}
