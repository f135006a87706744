/**
 * The SQLite side of the local cloud: one table per collection, a JSON body and a version per document.
 *
 * Synchronous on purpose (better-sqlite3): every database action runs to completion inside one
 * event-loop turn, so actions are atomic with respect to each other without extra locking.
 * Filters are narrowed by SQL on indexed fields (see pushdown.ts) and then evaluated in full by mingo.
 */
import fs from 'fs'
import path from 'path'
import Database from 'better-sqlite3'
import type { Query } from 'mingo'
import type { IndexSpec } from '../../server/db/indexes'
import { decodeDoc, encodeDoc, type Doc } from './ejson'
import { DbError, dbErrors } from './errors'
import { compileQuery } from './operators'
import { arrayOnPath, fieldExpr, indexableField, pushdown } from './pushdown'

export interface StoredDoc {
  id: string
  /** decoded on first access (a `get` without projection only needs `body`) */
  readonly doc: Doc
  /** the stored JSON text: what encodeDoc(doc) gives */
  body: string
  /** 1 on insert, +1 on every write */
  version: number
}

/** One document write; `doc: null` deletes. `body`, when given, is encodeDoc(doc) already computed. */
export interface Change {
  coll: string
  id: string
  doc: Doc | null
  body?: string
}

function stored(id: string, body: string, version: number, doc?: Doc): StoredDoc {
  return {
    id,
    body,
    version,
    get doc() {
      return (doc ??= decodeDoc(body))
    }
  }
}

/**
 * Compiled mingo queries are reused only when nothing in them depends on the moment (`$$NOW`),
 * runs code, or may keep state between tests (a RegExp's lastIndex).
 */
const UNCACHEABLE = /"\$(?:expr|where|function|accumulator|jsonSchema|regex|regularExpression)"|\$\$/
const QUERY_CACHE_SIZE = 256

export interface StoreOptions {
  /** SQLite file (WAL mode) or ':memory:' */
  file?: string
  /** index definitions by collection name (server/db/indexes.ts INDEXES) */
  indexes?: Record<string, IndexSpec[]>
  /** ms clock for the `updated_at` column */
  now?: () => number
}

type Stmt = Database.Statement<unknown[]>

interface Table {
  name: string
  /** every field some index of this collection lists */
  indexed: string[]
  /** indexed fields that never held an array on their path */
  pushable: Set<string>
  get: Stmt
  body: Stmt
  upsert: Stmt
  remove: Stmt
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/

/** `_id` values are usually strings; other types get a prefix so 1 and '1' stay distinct. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id
  if (typeof id === 'number') return `\u0001n:${id}`
  return `\u0001${encodeDoc(id)}`
}

export class Store {
  readonly db: Database.Database
  readonly file: string
  private readonly tables = new Map<string, Table>()
  private readonly indexes: Record<string, IndexSpec[]>
  private readonly now: () => number
  private readonly queries = new Map<string, Stmt>()
  /** compiled mingo filters by wire text (LRU): compiling costs far more than testing a document */
  private readonly compiled = new Map<string, Query>()
  private readonly markUnsafe: Stmt
  private readonly writeAll: (changes: Change[], at: number) => void

  constructor(opts: StoreOptions = {}) {
    this.file = opts.file ?? ':memory:'
    this.indexes = opts.indexes ?? {}
    this.now = opts.now ?? Date.now
    if (this.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true })
    this.db = new Database(this.file)
    if (this.file !== ':memory:') {
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('synchronous = NORMAL')
    }
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS _unsafe_fields (coll TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (coll, field));
    `)
    this.markUnsafe = this.db.prepare('INSERT OR IGNORE INTO _unsafe_fields (coll, field) VALUES (?, ?)')
    const names = this.db.prepare('SELECT name FROM _collections ORDER BY name').pluck().all() as string[]
    for (const name of names) this.open(name)
    // one transaction function for the store's life (better-sqlite3 builds a wrapper per call otherwise)
    this.writeAll = this.db.transaction((changes: Change[], at: number) => {
      for (const c of changes) this.writeOne(c, at)
    })
  }

  hasCollection(name: string): boolean {
    return this.tables.has(name)
  }

  collections(): string[] {
    return [...this.tables.keys()].sort()
  }

  /** @returns false when it already existed */
  createCollection(name: string): boolean {
    if (this.tables.has(name)) return false
    if (!COLLECTION_NAME.test(name)) throw dbErrors.invalidParam(`invalid collection name: ${name}`)
    this.db.prepare('INSERT OR IGNORE INTO _collections (name, created_at) VALUES (?, ?)').run(name, this.now())
    this.open(name)
    return true
  }

  get(coll: string, id: string): StoredDoc | undefined {
    const row = this.table(coll).get.get(id) as { body: string; version: number } | undefined
    return row && stored(id, row.body, row.version)
  }

  /** The stored text of a document (undecoded), or null when it does not exist. */
  body(coll: string, id: string): string | null {
    return (this.table(coll).body.get(id) as string | undefined) ?? null
  }

  /**
   * Documents matching a MongoDB filter, in insertion order. `key` identifies the filter (its
   * wire text): the compiled query is then reused for the next call with the same key.
   */
  find(coll: string, filter: Doc = {}, key?: string): StoredDoc[] {
    const t = this.table(coll)
    const rows = this.candidates(t, filter)
    const query = this.query(filter, key)
    const out: StoredDoc[] = []
    for (const row of rows) {
      const doc = decodeDoc(row.body)
      if (query.test(doc)) out.push(stored(row.id, row.body, row.version, doc))
    }
    return out
  }

  /** Applies the changes in one SQLite transaction. */
  write(changes: Change[]): void {
    if (changes.length === 0) return
    this.writeAll(changes, this.now())
  }

  /** SQLite's plan for a filter (tests use it to prove an index is used). */
  explain(coll: string, filter: Doc): string[] {
    const { sql, params } = this.candidateSql(this.table(coll), filter)
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail)
  }

  /** Number of stored documents (no filter); cheap. */
  size(coll: string): number {
    return this.db.prepare(`SELECT count(*) FROM ${this.table(coll).name}`).pluck().get() as number
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  private writeOne(c: Change, at: number): void {
    const t = this.table(c.coll)
    if (c.doc === null) {
      t.remove.run(c.id)
      return
    }
    for (const field of t.indexed) {
      if (t.pushable.has(field) && arrayOnPath(c.doc, field)) {
        t.pushable.delete(field)
        this.markUnsafe.run(c.coll, field)
      }
    }
    try {
      t.upsert.run(c.id, c.body ?? encodeDoc(c.doc), at)
    } catch (e) {
      throw uniqueViolation(e, c) ?? e
    }
  }

  private query(filter: Doc, key: string | undefined): Query {
    if (key === undefined || UNCACHEABLE.test(key)) return compileQuery(filter)
    let q = this.compiled.get(key)
    if (q) {
      // least recently used goes first: re-insert on every hit
      this.compiled.delete(key)
    } else {
      q = compileQuery(filter)
      if (this.compiled.size >= QUERY_CACHE_SIZE) this.compiled.delete(this.compiled.keys().next().value as string)
    }
    this.compiled.set(key, q)
    return q
  }

  private table(coll: string): Table {
    const t = this.tables.get(coll)
    if (!t) throw dbErrors.collectionNotExist(coll)
    return t
  }

  private candidates(t: Table, filter: Doc): Array<{ id: string; body: string; version: number }> {
    const { sql, params } = this.candidateSql(t, filter)
    let stmt = this.queries.get(sql)
    if (!stmt) {
      if (this.queries.size > 500) this.queries.clear()
      stmt = this.db.prepare(sql)
      this.queries.set(sql, stmt)
    }
    return stmt.all(...params) as Array<{ id: string; body: string; version: number }>
  }

  private candidateSql(t: Table, filter: Doc): { sql: string; params: unknown[] } {
    const { clauses, params } = pushdown(filter, t.pushable, idKey)
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''
    return { sql: `SELECT id, body, version FROM ${t.name}${where} ORDER BY rowid`, params }
  }

  private open(coll: string): void {
    const name = `"docs_${coll}"`
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${name} (id TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL)`
    )
    const specs = (this.indexes[coll] ?? []).filter((s) => s.fields.every(([f]) => indexableField(f)))
    const wanted = new Set(specs.flatMap((s) => [`ix_${coll}__${s.name}`, ...(s.unique ? [`ux_${coll}__${s.name}`] : [])]))
    const existing = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND (name LIKE 'ix\\_%' ESCAPE '\\' OR name LIKE 'ux\\_%' ESCAPE '\\')`)
      .pluck()
      .all(`docs_${coll}`) as string[]
    for (const ix of existing) if (!wanted.has(ix)) this.db.exec(`DROP INDEX "${ix}"`)
    for (const s of specs) {
      const cols = s.fields.map(([f, o]) => `${fieldExpr(f)} ${o === -1 ? 'DESC' : 'ASC'}`).join(', ')
      this.db.exec(`CREATE INDEX IF NOT EXISTS "ix_${coll}__${s.name}" ON ${name} (${cols})`)
      // MongoDB unique indexes treat a missing field as null, and two nulls collide: X'00' stands for both
      if (s.unique) {
        const keys = s.fields.map(([f]) => `coalesce(${fieldExpr(f)}, X'00')`).join(', ')
        this.db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS "ux_${coll}__${s.name}" ON ${name} (${keys})`)
      }
    }
    const indexed = [...new Set(specs.flatMap((s) => s.fields.map(([f]) => f)))]
    const unsafe = new Set(this.db.prepare('SELECT field FROM _unsafe_fields WHERE coll = ?').pluck().all(coll) as string[])
    this.tables.set(coll, {
      name,
      indexed,
      pushable: new Set(indexed.filter((f) => !unsafe.has(f))),
      get: this.db.prepare(`SELECT body, version FROM ${name} WHERE id = ?`),
      body: this.db.prepare(`SELECT body FROM ${name} WHERE id = ?`).pluck(),
      upsert: this.db.prepare(
        `INSERT INTO ${name} (id, body, version, updated_at) VALUES (?, ?, 1, ?)
         ON CONFLICT(id) DO UPDATE SET body = excluded.body, version = version + 1, updated_at = excluded.updated_at`
      ),
      remove: this.db.prepare(`DELETE FROM ${name} WHERE id = ?`)
    })
  }
}

/** A UNIQUE index violation as WeChat reports a duplicate key (E11000), or undefined for other errors. */
function uniqueViolation(e: unknown, c: Change): DbError | undefined {
  const err = e as { code?: string; message?: string }
  if (err?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined
  const prefix = `ux_${c.coll}__`
  const raw = /index '([^']+)'/.exec(err.message ?? '')?.[1] ?? 'unique'
  const index = raw.startsWith(prefix) ? raw.slice(prefix.length) : raw
  return new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] E11000 duplicate key error collection: ${c.coll} index: ${index} (document ${c.id})`)
}
