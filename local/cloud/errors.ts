/**
 * Server-side database errors, as the wire carries them: `{ code, message }`.
 *
 * wx-server-sdk maps `code` through its TCB_ERR_CODE table (only DATABASE_REQUEST_FAILED -502001,
 * DATABASE_INVALID_OPERRATOR -502002, DATABASE_PERMISSION_DENIED -502003,
 * DATABASE_COLLECTION_EXCEED_LIMIT -502004, DATABASE_COLLECTION_NOT_EXIST -502005 and the generic
 * -5010xx codes are known; everything else becomes -501001) and keeps only `message` in errMsg.
 * The texts below follow real messages where we found them (sources in docs/local-cloud.md); texts
 * only the local cloud produces say so.
 */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'DbError'
  }
}

const SUFFIX = 'Please check your request, but if the problem persists, contact us.'

export const dbErrors = {
  collectionNotExist: (name: string) =>
    new DbError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}. ${SUFFIX}`),
  collectionExists: (name: string) =>
    new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}. ${SUFFIX}`),
  /** a real cloud reported -502001 with MongoDB's E11000 text (unique index); the docs name DATABASE_DUPLICATE_WRITE */
  duplicate: (coll: string, id: string) =>
    new DbError(
      'DATABASE_REQUEST_FAILED',
      `[FailedOperation] E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`
    ),
  /** the exact text CloudBase's node-sdk tests assert (test/database/unit/transaction.test.ts, '读偏') */
  conflict: () =>
    new DbError('DATABASE_TRANSACTION_CONFLICT', `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${SUFFIX}`),
  /**
   * The one text the real server gives for a transaction it no longer has (committed, rolled back,
   * timed out, or never existed): node-sdk test/database/unit/transaction.test.ts, '事务提交后, 不能进行其它操作'.
   */
  transactionGone: () =>
    new DbError(
      'DATABASE_TRANSACTION_FAIL',
      `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. ${SUFFIX}`
    ),
  /** MongoDB sessions do not support concurrent operations; the real outcome is undefined, so refuse */
  concurrentInTransaction: (action: string) =>
    new DbError(
      'DATABASE_TRANSACTION_FAIL',
      `${action} was sent while another call of the same transaction was still in flight: operations inside one transaction must run one after another (cloud transactions are MongoDB sessions; local emulation refuses what the real cloud leaves undefined)`
    ),
  notInTransaction: (what: string) =>
    new DbError(
      'DATABASE_TRANSACTION_FAIL',
      `${what} is not allowed in a transaction: only doc().get/set/update/remove and collection().add are (local emulation of the documented restriction)`
    ),
  invalidParam: (message: string) => new DbError('INVALID_PARAM', message),
  unsupported: (action: string) =>
    new DbError('DATABASE_REQUEST_FAILED', `local cloud: ${action} is not emulated`)
}
