/**
 * The simulator's memory, kept like WeChat Pay keeps it: orders, refunds, prepay ids and the
 * notifications still to deliver survive a restart (or a `kill -9`), so that after one queries
 * answer the truth and retries continue. One SQLite file (better-sqlite3, synchronous: a change
 * is on disk before the simulator answers the call that made it), or memory for throwaway
 * tests. Values are JSON; numbers, strings and booleans are all the books hold.
 */
import fs from 'fs'
import path from 'path'
import Database from 'better-sqlite3'

export type StateKind = 'order' | 'refund' | 'prepay' | 'last' | 'delivery'

export interface SimState {
  all<T>(kind: StateKind): Array<[id: string, value: T]>
  put(kind: StateKind, id: string, value: unknown): void
  remove(kind: StateKind, id: string): void
  /** runs `fn` as one write: a crash keeps all of it or none */
  atomically<T>(fn: () => T): T
  close(): void
}

/** `file` undefined or ':memory:' keeps nothing across processes. */
export function openSimState(file?: string): SimState {
  const inMemory = !file || file === ':memory:'
  if (!inMemory) fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(inMemory ? ':memory:' : file)
  if (!inMemory) {
    db.pragma('journal_mode = WAL')
    // NORMAL in WAL mode: a committed write survives the process dying; only a power cut may lose the last ones
    db.pragma('synchronous = NORMAL')
  }
  db.exec('CREATE TABLE IF NOT EXISTS sim (kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, id))')
  const select = db.prepare('SELECT id, json FROM sim WHERE kind = ? ORDER BY rowid')
  const upsert = db.prepare('INSERT INTO sim (kind, id, json) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET json = excluded.json')
  const del = db.prepare('DELETE FROM sim WHERE kind = ? AND id = ?')
  let open = true
  return {
    all<T>(kind: StateKind) {
      return (select.all(kind) as Array<{ id: string; json: string }>).map((r) => [r.id, JSON.parse(r.json) as T] as [string, T])
    },
    put(kind, id, value) {
      if (open) upsert.run(kind, id, JSON.stringify(value))
    },
    remove(kind, id) {
      if (open) del.run(kind, id)
    },
    atomically(fn) {
      return open ? db.transaction(fn)() : fn()
    },
    close() {
      if (!open) return
      open = false
      db.close()
    }
  }
}
