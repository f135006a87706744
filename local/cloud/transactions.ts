/**
 * Transaction bookkeeping: snapshots, per-document write locks, and waiting for locks.
 *
 * The model is MongoDB's snapshot isolation, as WeChat documents it for cloud transactions:
 * - a transaction reads the database as of its start (plus its own writes);
 * - its first write to a document takes that document's lock; the write FAILS at once with
 *   DATABASE_TRANSACTION_CONFLICT when another live transaction holds the lock, or when the document
 *   was changed by anyone since the transaction started (so read-modify-write never loses an update);
 * - a failed write aborts the transaction (MongoDB semantics), later calls on it fail too;
 * - writes outside transactions wait until the document's lock is released (commit, rollback or
 *   timeout), then apply.
 * Old document images are kept only while some transaction is open and may still need them.
 */
import type { Doc } from './ejson'
import { DbError, dbErrors } from './errors'
import { randomHex } from './ids'

export interface TxWrite {
  coll: string
  id: string
  /** the document as this transaction leaves it; null = removed */
  doc: Doc | null
  /** encodeDoc(doc), computed once when the write is made */
  body?: string
}

export interface Tx {
  id: string
  /** commit sequence number the snapshot was taken at */
  startSeq: number
  startedAt: number
  writes: Map<string, TxWrite>
  locks: Set<string>
}

export const docKey = (coll: string, id: string) => `${coll}\u0000${id}`

const clock = () => performance.now()

export class TransactionManager {
  /** increases by one per committed write batch */
  private seq = 0
  private readonly live = new Map<string, Tx>()
  /** why a finished transaction can no longer be used (kept so its later calls fail clearly) */
  private readonly failed = new Map<string, DbError>()
  private readonly owners = new Map<string, Tx>()
  private readonly lastWrite = new Map<string, number>()
  /** committed writes' old images as stored text (decoded only if a snapshot read needs them) */
  private readonly history = new Map<string, Array<{ seq: number; before: string | null }>>()
  private waiters: Array<() => void> = []

  constructor(private readonly timeoutMs: number) {}

  begin(): Tx {
    const tx: Tx = {
      id: randomHex(12),
      startSeq: this.seq,
      startedAt: clock(),
      writes: new Map(),
      locks: new Set()
    }
    this.live.set(tx.id, tx)
    return tx
  }

  /** The live transaction with this id, or the error that ended it. */
  use(id: string): Tx {
    const tx = this.live.get(id)
    if (tx && !this.expired(tx)) return tx
    const why = this.failed.get(id)
    if (why) throw why
    throw dbErrors.transactionGone()
  }

  /**
   * Take the document's write lock for `tx`, or fail the transaction with a conflict. `_where`
   * (`collection/_id`) is not in the error, whose text is the real one; bench/instruments.ts reads it.
   */
  lock(tx: Tx, key: string, _where: string): void {
    if (tx.locks.has(key)) return
    const owner = this.holder(key)
    if (owner || (this.lastWrite.get(key) ?? -1) > tx.startSeq) {
      const err = dbErrors.conflict()
      this.fail(tx, err)
      throw err
    }
    this.owners.set(key, tx)
    tx.locks.add(key)
  }

  /** Ends a transaction because of an error; its later calls (and commit) report that error. */
  fail(tx: Tx, err: DbError): void {
    if (!this.live.has(tx.id)) return
    const keep = err.code === 'DATABASE_TRANSACTION_CONFLICT' || err.code === 'DATABASE_TRANSACTION_FAIL'
    const later = keep ? err : dbErrors.transactionGone()
    if (this.failed.size > 10_000) this.failed.clear()
    this.failed.set(tx.id, later)
    this.end(tx)
  }

  /** `fail` for a transaction known by id, when it is still live. */
  failIfLive(id: string, err: DbError): void {
    const tx = this.live.get(id)
    if (tx) this.fail(tx, err)
  }

  /** Commit or rollback bookkeeping (the caller has applied the writes already on commit). */
  end(tx: Tx): void {
    if (!this.live.delete(tx.id)) return
    for (const key of tx.locks) if (this.owners.get(key) === tx) this.owners.delete(key)
    tx.locks.clear()
    if (this.live.size === 0) {
      this.lastWrite.clear()
      this.history.clear()
    } else if (this.history.size > 1000) this.prune()
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  /** Rollback: idempotent, also for transactions that already failed or never existed. */
  abort(id: string): void {
    this.failed.delete(id)
    const tx = this.live.get(id)
    if (tx) this.end(tx)
  }

  /** The commit sequence number for the next write batch. */
  nextSeq(): number {
    return ++this.seq
  }

  /**
   * True while some transaction other than `committing` is open: committed writes must then keep
   * their old image. (The committing transaction's own snapshot is no longer needed, and a
   * transaction that begins later starts after this write.)
   */
  tracking(committing?: Tx): boolean {
    return this.live.size > (committing && this.live.has(committing.id) ? 1 : 0)
  }

  /** Called for every committed document write while `tracking()`; `before` is the stored text, null = none. */
  recordWrite(key: string, before: string | null, seq: number): void {
    this.lastWrite.set(key, seq)
    let list = this.history.get(key)
    if (!list) this.history.set(key, (list = []))
    list.push({ seq, before })
  }

  /** The document as `tx`'s snapshot saw it, when it was changed since; undefined = read the store. */
  snapshot(tx: Tx, key: string): { body: string | null } | undefined {
    if ((this.lastWrite.get(key) ?? -1) <= tx.startSeq) return undefined
    const first = this.history.get(key)?.find((h) => h.seq > tx.startSeq)
    return first && { body: first.before }
  }

  /** The live transaction holding the document's lock (expired holders are rolled back here). */
  holder(key: string): Tx | undefined {
    const owner = this.owners.get(key)
    if (owner && this.expired(owner)) return undefined
    return owner
  }

  /** Resolves once none of the documents is locked; callers must then write without awaiting. */
  async waitForLocks(keys: string[]): Promise<void> {
    for (;;) {
      const holders = keys.map((k) => this.holder(k)).filter((t): t is Tx => t !== undefined)
      if (holders.length === 0) return
      const untilExpiry = Math.min(...holders.map((t) => t.startedAt + this.timeoutMs - clock()))
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, Math.ceil(untilExpiry) + 1))
        timer.unref?.()
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  private expired(tx: Tx): boolean {
    if (clock() - tx.startedAt <= this.timeoutMs) return false
    this.fail(tx, dbErrors.transactionGone())
    return true
  }

  private prune(): void {
    const oldest = Math.min(...[...this.live.values()].map((t) => t.startSeq))
    for (const [key, list] of this.history) {
      const keep = list.filter((h) => h.seq > oldest)
      if (keep.length) this.history.set(key, keep)
      else {
        this.history.delete(key)
        this.lastWrite.delete(key)
      }
    }
  }
}
