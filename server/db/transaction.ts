/**
 * Cloud database transactions that survive write conflicts.
 *
 * WeChat transactions lock each document on first write; a second transaction writing the same
 * document fails with DATABASE_TRANSACTION_CONFLICT. wx-server-sdk's `runTransaction` retries only
 * when `commitTransaction` reports the conflict: a conflict on a write inside the callback reaches
 * us as a plain -501001 error whose errMsg carries the server message, after the SDK rolled back.
 * Calls inside one transaction must run one after another (one MongoDB session): no `Promise.all`.
 * `inTransaction` reruns the whole callback on any conflict, with jittered backoff, and never
 * retries other errors. The callback must therefore be safe to rerun: read inside it, don't
 * mutate outside state before it resolves.
 *
 * Bundled into real cloud functions: uses only the wx-server-sdk API, no local imports.
 */
/**
 * The transaction object the callback receives (wx-server-sdk's Transaction), typed as promises and
 * limited to what WeChat allows inside a transaction: single-document get/set/update/remove and add.
 */
export interface CloudTransaction {
  collection(name: string): {
    doc(id: string | number): {
      get(): Promise<{ data: any }>
      set(o: { data: Record<string, unknown> }): Promise<{ _id: string | number; stats: { updated: number; created: number } }>
      update(o: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
      remove(): Promise<{ stats: { removed: number } }>
    }
    add(o: { data: Record<string, unknown> }): Promise<{ _id: string | number }>
  }
  /** ends the transaction; runTransaction then rejects with `reason` */
  rollback(reason?: unknown): Promise<unknown>
}

export interface TransactionalDb {
  runTransaction(run: (transaction: any) => Promise<unknown>, retry?: number): Promise<unknown>
}

export interface TransactionOptions {
  /** total tries including the first; default 8 */
  attempts?: number
  /** backoff before retry n is random in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]; defaults 10 / 300 */
  baseDelayMs?: number
  maxDelayMs?: number
}

export async function inTransaction<T, Tx = CloudTransaction>(
  db: TransactionalDb,
  fn: (t: Tx) => Promise<T>,
  opts: TransactionOptions = {}
): Promise<T> {
  const attempts = Math.max(1, opts.attempts ?? 8)
  const base = opts.baseDelayMs ?? 10
  const max = opts.maxDelayMs ?? 300
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction((t: Tx) => fn(t))) as T
    } catch (err) {
      if (attempt >= attempts || !isConflict(err)) throw err
      const ceiling = Math.min(max, base * 2 ** (attempt - 1))
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling))
    }
  }
}

function describe(err: unknown): { code: unknown; text: string } {
  if (typeof err === 'string') return { code: undefined, text: err }
  if (!err || typeof err !== 'object') return { code: undefined, text: '' }
  const e = err as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown }
  return { code: e.code ?? e.errCode, text: `${e.errMsg ?? ''} ${e.message ?? ''}` }
}

/**
 * A write conflict, however it surfaced: the TcbError (an Error with `code`) that node-sdk 3.17.2's
 * requester throws from `commit()`, or -501001 with the server message from a write inside the
 * callback. The real text: `[ResourceUnavailable.TransactionConflict] Transaction is conflict, …`
 * (CloudBase node-sdk test/database/unit/transaction.test.ts). `TransactionNotExist` (a transaction
 * past its 30 s or already finished) is not a conflict and is never retried.
 */
export function isConflict(err: unknown): boolean {
  const { code, text } = describe(err)
  return (
    code === 'DATABASE_TRANSACTION_CONFLICT' ||
    /DATABASE_TRANSACTION_CONFLICT|TransactionConflict|Transaction is conflict|WriteConflict/i.test(text)
  )
}

/**
 * `add` with an `_id` that exists. The docs name the code DATABASE_DUPLICATE_WRITE (→ -501001 through
 * the SDK); a real cloud has been seen answering -502001 with MongoDB's "E11000 duplicate key" text.
 */
export function isDuplicateKey(err: unknown): boolean {
  const { code, text } = describe(err)
  return (
    code === 'DATABASE_DUPLICATE_WRITE' ||
    code === 11000 ||
    /DATABASE_DUPLICATE_WRITE|E11000|duplicate key/i.test(text)
  )
}
