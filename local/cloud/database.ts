/**
 * The server side of @cloudbase/database's wire protocol: one method per action, over the SQLite
 * store, with WeChat's limits and transaction rules. Params arrive as the SDK sends them (EJSON
 * strings); replies are what the SDK expects in `res.data` / `res.transactionId`.
 */
import { decodeDoc, encodeDoc, isPlainObject, parseWire, queryRegExps, resolveServerDates, type Doc } from './ejson'
import { DbError, dbErrors } from './errors'
import { randomHex } from './ids'
import { idKey, type Change, type Store } from './store'
import { docKey, type Tx, type TransactionManager } from './transactions'
import { compileQuery, runPipeline } from './operators'
import { applyModifier } from './update'

/**
 * `get` from cloud functions: 100 without `limit()`, at most 1000 with one. The SDK itself sends
 * `limit < 1000 ? limit : 1000`, else 100 (@cloudbase/database 1.4.3 dist/commonjs/query.js `get`),
 * and CloudBase's own test/database/unit/query.limit.test.ts expects limit(1001) → 1000, limit(101) → 101.
 */
export const DEFAULT_GET = 100
export const MAX_GET = 1000
/** Aggregation without a `$limit` stage returns 20 results; with one, at most 10000 (community-verified). */
export const AGGREGATE_DEFAULT = 20
export const AGGREGATE_MAX = 10_000

export interface WireParams {
  collectionName?: string
  transactionId?: string
  queryType?: 'DOC' | 'WHERE'
  query?: string
  data?: string | string[]
  order?: string
  offset?: number
  limit?: number
  projection?: string
  multi?: boolean
  merge?: boolean
  upsert?: boolean
  stages?: Array<{ stageKey: string; stageValue: string }>
}

export type Reply = { data?: unknown; transactionId?: string }

export const newId = () => randomHex(16)

/**
 * A document as read: `body` is its stored text, `doc` its decoded value (decoded lazily, never
 * to be mutated: updates work on a copy decoded from `body`).
 */
interface Read {
  readonly doc: Doc
  readonly body: string
}

function readOf(body: string): Read {
  let doc: Doc | undefined
  return {
    body,
    get doc() {
      return (doc ??= decodeDoc(body))
    }
  }
}

/**
 * `encodeDoc(read.doc)`, what `stats.updated` compares with. The stored text is exactly that
 * unless it holds `$` keys (Dates, rare BSON values), which take a re-encode to be sure.
 */
function encodedAsStored(r: Read): string {
  return r.body.includes('"$') ? encodeDoc(r.doc) : r.body
}

/** The empty filter, compiled once: a `get` with a projection or an order runs through its cursor. */
const ALL = compileQuery({})

/** mingo's find over already filtered documents; fresh only when the projection depends on the moment. */
function cursorOver(docs: Doc[], projection: string | undefined) {
  if (!projection) return ALL.find(docs)
  return (projection.includes('$$') ? compileQuery({}) : ALL).find(docs, parseWire(projection))
}

export class LocalDatabase {
  constructor(
    readonly store: Store,
    readonly txm: TransactionManager,
    private readonly now: () => number
  ) {}

  /** transactions with a call in flight (see `oneAtATime`) */
  private readonly inFlight = new Set<string>()

  async handle(action: string, p: WireParams = {}): Promise<Reply> {
    if (p.transactionId && action !== 'database.abortTransaction') return this.oneAtATime(action, p)
    return this.dispatch(action, p)
  }

  /**
   * A cloud transaction is a MongoDB session, and MongoDB leaves concurrent operations on one
   * session undefined (/work/shared/docs/wechat-tech.md; docs/local-cloud.md): a second call of a
   * transaction sent while its previous one has not answered yet (`Promise.all` over `t.…get()`)
   * is refused and ends the transaction. Each call stays in flight until the next event-loop turn,
   * as a network round trip would; rollback is always accepted (runTransaction sends it as soon
   * as the callback throws, while other calls may still be out).
   */
  private async oneAtATime(action: string, p: WireParams): Promise<Reply> {
    const id = String(p.transactionId)
    if (this.inFlight.has(id)) {
      const err = dbErrors.concurrentInTransaction(action)
      this.txm.failIfLive(id, err)
      throw err
    }
    this.inFlight.add(id)
    try {
      return await this.dispatch(action, p)
    } finally {
      await new Promise((resolve) => setImmediate(resolve))
      this.inFlight.delete(id)
    }
  }

  private async dispatch(action: string, p: WireParams): Promise<Reply> {
    switch (action) {
      case 'database.insertDocument':
        return p.transactionId ? this.inTx(p, (tx) => this.txInsert(tx, p)) : this.insert(p)
      case 'database.getDocument':
        return p.transactionId ? this.inTx(p, (tx) => this.txGet(tx, p)) : this.get(p)
      case 'database.modifyDocument':
        return p.transactionId ? this.inTx(p, (tx) => this.txModify(tx, p)) : this.modify(p)
      case 'database.removeDocument':
        return p.transactionId ? this.inTx(p, (tx) => this.txRemove(tx, p)) : this.remove(p)
      case 'database.calculateDocument':
        return this.count(p)
      case 'database.aggregateDocuments':
        return this.aggregate(p)
      case 'database.addCollection':
        if (!this.store.createCollection(String(p.collectionName))) throw dbErrors.collectionExists(String(p.collectionName))
        return {}
      case 'database.startTransaction':
        return { transactionId: this.txm.begin().id }
      case 'database.commitTransaction':
        return this.commit(this.txm.use(String(p.transactionId)))
      case 'database.abortTransaction':
        this.txm.abort(String(p.transactionId))
        return {}
      default:
        throw dbErrors.unsupported(action)
    }
  }

  // --- outside transactions ---------------------------------------------------------------

  private insert(p: WireParams): Promise<Reply> {
    const coll = this.collection(p)
    const docs = this.insertDocs(p)
    const keys = docs.map((d) => docKey(coll, idKey(d._id)))
    return this.whenUnlocked(() => ({
      keys,
      run: () => {
        const seen = new Set<string>()
        for (const d of docs) {
          const id = idKey(d._id)
          if (seen.has(id) || this.store.body(coll, id) !== null) throw dbErrors.duplicate(coll, String(d._id))
          seen.add(id)
        }
        this.commitChanges(docs.map((doc) => ({ coll, id: idKey(doc._id), doc })))
        return { data: { insertedIds: docs.map((d) => d._id) } }
      }
    }))
  }

  private get(p: WireParams): Reply {
    const coll = this.collection(p)
    const filter = this.filter(p)
    const found = this.targets(coll, p, filter)
    const limit = p.queryType === 'DOC' ? 1 : Math.min(p.limit ?? DEFAULT_GET, MAX_GET)
    const offset = p.offset ?? 0
    // nothing to project or sort: the stored texts are the reply (what mingo + encodeDoc would give)
    if (!p.projection && !p.order && Number.isInteger(offset) && offset >= 0 && Number.isInteger(limit) && limit >= 0) {
      return { data: { list: found.slice(offset, offset + limit).map((t) => wireOut(t.body)) } }
    }
    let cursor = cursorOver(found.map((t) => t.doc), p.projection)
    if (p.order) cursor = cursor.sort(parseWire(p.order))
    const list = cursor.skip(offset).limit(limit).all()
    return { data: { list: list.map((d) => wireOut(encodeDoc(d))) } }
  }

  private modify(p: WireParams): Promise<Reply> {
    const coll = this.collection(p)
    const filter = this.filter(requireCondition(p, 'update'))
    const data = this.data(p)
    const replace = p.merge === false
    if (replace) refuseDollarFields(data)
    const docId = p.queryType === 'DOC' ? filter._id : undefined
    return this.whenUnlocked(() => {
      const targets = this.writeTargets(coll, p, filter)
      return {
        keys: this.keysOf(coll, targets, docId),
        run: () => {
          const changes: Change[] = []
          for (const t of targets) {
            const next = replace ? { _id: t.doc._id, ...data } : applyUpdate(t, data)
            const body = encodeDoc(next)
            if (body !== encodedAsStored(t)) changes.push({ coll, id: t.id, doc: next, body })
          }
          let upsertId: unknown
          if (targets.length === 0 && p.upsert && docId !== undefined) {
            const doc = replace ? { _id: docId, ...data } : applyUpdate(readOf(encodeDoc({ _id: docId })), data)
            changes.push({ coll, id: idKey(docId), doc })
            upsertId = docId
          }
          this.commitChanges(changes)
          // `updated` counts matched documents, changed or not (CloudBase: set() of identical data reports 1)
          return { data: { updated: upsertId === undefined ? targets.length : 0, upsert_id: upsertId } }
        }
      }
    })
  }

  private remove(p: WireParams): Promise<Reply> {
    const coll = this.collection(p)
    const filter = this.filter(requireCondition(p, 'remove'))
    return this.whenUnlocked(() => {
      const targets = this.writeTargets(coll, p, filter)
      return {
        keys: this.keysOf(coll, targets, undefined),
        run: () => {
          this.commitChanges(targets.map((t) => ({ coll, id: t.id, doc: null })))
          return { data: { deleted: targets.length } }
        }
      }
    })
  }

  private count(p: WireParams): Reply {
    const coll = this.collection(p)
    const filter = this.filter(p)
    const total = Object.keys(filter).length ? this.store.find(coll, filter, this.filterKey(p)).length : this.store.size(coll)
    return { data: { total } }
  }

  private aggregate(p: WireParams): Reply {
    const coll = this.collection(p)
    const stages: Doc[] = (p.stages ?? []).map((s) => ({
      [s.stageKey]: queryRegExps(this.resolve(parseWire(s.stageValue), s.stageValue), s.stageValue)
    }))
    const first = stages[0]
    const match = first && '$match' in first ? (stages.shift() as Doc).$match : {}
    const docs = this.store.find(coll, match).map((d) => d.doc)
    const cap = stages.some((s) => '$limit' in s) ? AGGREGATE_MAX : AGGREGATE_DEFAULT
    let out: Doc[]
    try {
      out = runPipeline(docs, stages, (name) => this.store.find(name).map((d) => d.doc))
    } catch (e) {
      throw new DbError('DATABASE_REQUEST_FAILED', `aggregate: ${(e as Error).message}`)
    }
    return { data: { list: out.slice(0, cap).map((d) => wireOut(encodeDoc(d))) } }
  }

  /**
   * Runs a write once none of its documents is locked by a transaction. `plan` picks the targets;
   * it is re-run after every wait, and `run` follows the final check without an await in between,
   * so nothing can change or lock the targets in the meantime.
   */
  private async whenUnlocked(plan: () => { keys: string[]; run: () => Reply }): Promise<Reply> {
    for (;;) {
      const { keys, run } = plan()
      if (keys.every((k) => !this.txm.holder(k))) return run()
      await this.txm.waitForLocks(keys)
    }
  }

  private writeTargets(coll: string, p: WireParams, filter: Doc) {
    const targets = this.targets(coll, p, filter)
    return p.queryType === 'DOC' || p.multi === false ? targets.slice(0, 1) : targets
  }

  private keysOf(coll: string, targets: Array<{ id: string }>, docId: unknown): string[] {
    const keys = targets.map((t) => docKey(coll, t.id))
    if (docId !== undefined) keys.push(docKey(coll, idKey(docId)))
    return keys
  }

  private targets(coll: string, p: WireParams, filter: Doc) {
    if (p.queryType === 'DOC' && filter._id !== undefined && Object.keys(filter).length === 1) {
      const found = this.store.get(coll, idKey(filter._id))
      return found ? [found] : []
    }
    return this.store.find(coll, filter, this.filterKey(p))
  }

  // --- inside transactions: single documents only -----------------------------------------

  private inTx(p: WireParams, op: (tx: Tx) => Reply): Reply {
    if (p.queryType === 'WHERE') throw dbErrors.notInTransaction('a where() query')
    const tx = this.txm.use(String(p.transactionId))
    try {
      return op(tx)
    } catch (e) {
      if (e instanceof DbError) this.txm.fail(tx, e)
      throw e
    }
  }

  private txGet(tx: Tx, p: WireParams): Reply {
    const coll = this.collection(p)
    const found = this.txRead(tx, coll, idKey(this.filter(p)._id))
    if (!found) return { data: { list: [] } }
    if (!p.projection) return { data: { list: [wireOut(found.body)] } }
    const [shown] = cursorOver([found.doc], p.projection).all()
    return { data: { list: [wireOut(encodeDoc(shown))] } }
  }

  private txInsert(tx: Tx, p: WireParams): Reply {
    const coll = this.collection(p)
    const docs = this.insertDocs(p)
    for (const doc of docs) {
      const id = idKey(doc._id)
      this.txm.lock(tx, docKey(coll, id), `${coll}/${doc._id}`)
      if (this.txRead(tx, coll, id)) throw dbErrors.duplicate(coll, String(doc._id))
      tx.writes.set(docKey(coll, id), { coll, id, doc, body: encodeDoc(doc) })
    }
    return { data: { insertedIds: docs.map((d) => d._id) } }
  }

  private txModify(tx: Tx, p: WireParams): Reply {
    const coll = this.collection(p)
    const docId = this.filter(p)._id
    const id = idKey(docId)
    const current = this.txRead(tx, coll, id)
    const replace = p.merge === false
    if (!current && !p.upsert) return { data: { updated: 0 } }
    const data = this.data(p)
    if (replace) refuseDollarFields(data)
    this.txm.lock(tx, docKey(coll, id), `${coll}/${docId}`)
    const next = replace ? { _id: docId, ...data } : applyUpdate(current ?? readOf(encodeDoc({ _id: docId })), data)
    const body = encodeDoc(next)
    tx.writes.set(docKey(coll, id), { coll, id, doc: next, body })
    if (!current) return { data: { updated: 0, upsert_id: docId } }
    return { data: { updated: 1 } } // matched, changed or not (see modify)
  }

  private txRemove(tx: Tx, p: WireParams): Reply {
    const coll = this.collection(p)
    const docId = this.filter(p)._id
    const id = idKey(docId)
    if (!this.txRead(tx, coll, id)) return { data: { deleted: 0 } }
    this.txm.lock(tx, docKey(coll, id), `${coll}/${docId}`)
    tx.writes.set(docKey(coll, id), { coll, id, doc: null })
    return { data: { deleted: 1 } }
  }

  /** Read-your-writes first, then the snapshot, then the store. Callers must not mutate `doc`. */
  private txRead(tx: Tx, coll: string, id: string): Read | null {
    const key = docKey(coll, id)
    const own = tx.writes.get(key)
    if (own) return own.doc && { doc: own.doc, body: own.body ?? encodeDoc(own.doc) }
    const old = this.txm.snapshot(tx, key)
    if (old) return old.body === null ? null : readOf(old.body)
    return this.store.get(coll, id) ?? null
  }

  private commit(tx: Tx): Reply {
    try {
      this.commitChanges([...tx.writes.values()], tx) // all or nothing (a unique index can still refuse)
    } catch (e) {
      if (e instanceof DbError) this.txm.fail(tx, e)
      else this.txm.end(tx)
      throw e
    }
    this.txm.end(tx)
    return {}
  }

  // --- shared -------------------------------------------------------------------------------

  /** Writes atomically; while other transactions are open, remembers old images for their snapshots. */
  private commitChanges(changes: Change[], committing?: Tx): void {
    if (changes.length === 0) return
    const seq = this.txm.nextSeq()
    if (this.txm.tracking(committing)) {
      for (const c of changes) this.txm.recordWrite(docKey(c.coll, c.id), this.store.body(c.coll, c.id), seq)
    }
    this.store.write(changes)
  }

  private collection(p: WireParams): string {
    const name = String(p.collectionName)
    if (!this.store.hasCollection(name)) throw dbErrors.collectionNotExist(name)
    return name
  }

  /** Replaces `db.serverDate()` placeholders; `text` (the wire text) lets values without one skip the walk. */
  private resolve<T>(value: T, text: string): T {
    return text.includes(SERVER_DATE) ? resolveServerDates(value, this.now()) : value
  }

  private filter(p: WireParams): Doc {
    return p.query ? queryRegExps(this.resolve(parseWire(p.query), p.query), p.query) : {}
  }

  /** The filter's wire text as a cache key for its compiled query; none when it holds a serverDate (that moves). */
  private filterKey(p: WireParams): string | undefined {
    return p.query && !p.query.includes(SERVER_DATE) ? p.query : undefined
  }

  private data(p: WireParams): Doc {
    const text = String(p.data)
    const data = this.resolve(parseWire(text), text)
    if (!isPlainObject(data)) throw dbErrors.invalidParam('data must be an object')
    return data
  }

  private insertDocs(p: WireParams): Doc[] {
    const list = Array.isArray(p.data) ? p.data : []
    return list.map((text) => {
      const doc = this.resolve(parseWire(text), text)
      if (!isPlainObject(doc)) throw dbErrors.invalidParam('data must be an object')
      refuseDollarFields(doc)
      if (doc._id === undefined) return { _id: newId(), ...doc }
      if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw dbErrors.invalidParam('_id must be a string or a number')
      return doc
    })
  }
}

const SERVER_DATE = '$tcb_server_date'

/**
 * `collection.update()` / `collection.remove()` without `where()` send no query (or ''). CloudBase
 * refuses a query-less update (INVALID_PARAM); the local cloud refuses both, so a forgotten
 * `where` fails in tests instead of wiping a collection in production. (`where({})` still means all.)
 */
function requireCondition(p: WireParams, what: 'update' | 'remove'): WireParams {
  if (p.queryType === 'WHERE' && !p.query) {
    throw dbErrors.invalidParam(`collection.${what}() needs a where() condition: a query-less ${what} is refused`)
  }
  return p
}

/**
 * MongoDB refuses field names starting with `$` in stored documents; CloudBase answers
 * `add({ $_key: 1 })` with DATABASE_REQUEST_FAILED. Wire wrappers ($date, $oid, server dates) are
 * already values here, so any `$` key left is a field name.
 */
function refuseDollarFields(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(refuseDollarFields)
  if (!isPlainObject(value)) return
  for (const key of Object.keys(value)) {
    if (key.startsWith('$')) throw new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] Document can't have $ prefixed field names: ${key}`)
    refuseDollarFields(value[key])
  }
}

/**
 * Stored text to reply text. A field holding an ObjectId is stored as {"$oid": hex}; CloudBase
 * answers it as the hex string (node-sdk test/database/unit/oid.test.ts), which the SDK would
 * otherwise decode into an ObjectId that serialises as {}. Inside JSON text an unescaped
 * `{"$oid":"` can only be structure, and no stored field name starts with `$` (refuseDollarFields).
 */
function wireOut(body: string): string {
  return body.includes('"$oid"') ? body.replace(/\{"\$oid":"([0-9a-fA-F]{24})"\}/g, '"$1"') : body
}

/** Applies update operators (or a plain object, as `$set`) with mingo to a copy of the document. */
function applyUpdate(current: Read, data: Doc): Doc {
  const next = decodeDoc(current.body) // a private copy: mingo updates in place
  applyModifier(next, Object.keys(data).some((k) => k.startsWith('$')) ? data : { $set: data })
  if (encodeDoc(next._id) !== encodeDoc(current.doc._id)) throw dbErrors.invalidParam('_id cannot be changed')
  return next
}
