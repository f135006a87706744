/**
 * Swaps wx-server-sdk's network edges for the local cloud, leaving all SDK logic in place.
 *
 * - database: `TcbDBApiHttpRequester.prototype.send(action, params)` → LocalDatabase (errors become
 *   the TcbError the real requester throws for a `{ code, message }` reply);
 * - `cloud.callFunction` → `CloudBase.prototype.callFunction` → the local function registry;
 * - `cloud.openapi.*`, `cloud.callOpenAPI`, `cloud.cloudPay.*` → the open API handler;
 * - `cloud.uploadFile`, `cloud.getTempFileURL` → the local files (local/cloud/files.ts);
 * - `init()`'s metadata probe (metadata.tencentyun.com) is skipped, and every other HTTP requester
 *   of @cloudbase/node-sdk fails fast, so nothing ever reaches the network and no "missing
 *   secretId" rejection can surface.
 * Patches apply per module registry (each jest test file has its own) and are idempotent.
 */
import { DbError, dbErrors } from './errors'
import { activeHost, currentScope, StorageError, type CloudHost } from './context'
import { decodeOpenApiRequest, encodeOpenApiResponse } from './openapi'
import { internals } from './sdk'
import { randomHex } from './ids'
import { FunctionTimeoutError } from './limits'

const PATCHED = Symbol.for('chuzhi.localCloud.patched')

export const requestId = () => randomHex(8)

function host(): CloudHost {
  const h = activeHost()
  if (!h) throw new Error('local cloud: no LocalCloud is open (call createLocalCloud first)')
  return h
}

export function installTransport(): void {
  const Requester = internals.dbRequester()
  if (Requester.prototype[PATCHED]) return
  Requester.prototype[PATCHED] = true

  // A reply with a `code` goes through the SDK's own `processReturn`, as the real requester's does
  // (tcbapirequester.js `request`): with node-sdk 3.17.2's throw-on-code left on (wx-server-sdk's
  // `throwOnCode: false` option is never read), that throws a TcbError, an Error with code/message.
  const { processReturn } = internals.utils()
  Requester.prototype.send = async function send(action: string, params?: unknown) {
    let reply: object
    try {
      reply = { requestId: requestId(), ...((await host().handleDb(action, params)) as object) }
    } catch (e) {
      if (e instanceof DbError) reply = { requestId: requestId(), code: e.code, message: e.message }
      else reply = { requestId: requestId(), code: 'SYS_ERR', message: `local cloud: ${(e as Error)?.message ?? e}` }
    }
    return 'code' in reply ? processReturn(reply) : reply
  }

  guardTransactionOnlyDocOps()
  cutNetwork()

  const CloudBase = internals.cloudBase().prototype
  CloudBase.callFunction = async function callFunction(options: { name: string; data?: unknown }) {
    try {
      return await host().callFunction(options.name, options.data ?? {}, currentScope()?.ctx)
    } catch (e) {
      const err = e as Error
      // a callee past its timeout answers as CloudBase does: FUNCTIONS_TIME_LIMIT_EXCEEDED
      if (e instanceof FunctionTimeoutError) return { requestId: requestId(), code: e.code, message: e.errMsg }
      return { requestId: requestId(), code: 'FUNCTIONS_EXECUTE_FAIL', message: `${err?.name ?? 'Error'}: ${err?.message ?? e}` }
    }
  }
  CloudBase.callCompatibleWxOpenApi = async function (options: { apiName: string; requestData: Uint8Array }) {
    const body = await host().openapi(options.apiName, decodeOpenApiRequest(options.requestData))
    return Buffer.from(encodeOpenApiResponse(body))
  }
  CloudBase.callWxPayApi = async function (options: { apiName: string; requestData: Buffer }) {
    const body = await host().openapi(`cloudPay.${options.apiName}`, JSON.parse(options.requestData.toString()))
    return Buffer.from(JSON.stringify(body ?? {}))
  }
  // storage answers as @cloudbase/node-sdk's storage module does: `{ code, message }` on failure,
  // which wx-server-sdk turns into its errCode (TCB_ERR_CODE)
  const storageFailure = (e: unknown) => {
    if (e instanceof StorageError) return { requestId: requestId(), code: e.code, message: e.message }
    throw e
  }
  CloudBase.uploadFile = async function (options: { cloudPath: unknown; fileContent: unknown }) {
    try {
      return { requestId: requestId(), fileID: await host().uploadFile(options.cloudPath, await contentOf(options.fileContent)) }
    } catch (e) {
      return storageFailure(e)
    }
  }
  CloudBase.getTempFileURL = async function (options: { fileList: unknown }) {
    try {
      return { requestId: requestId(), fileList: await host().tempFileUrls(options.fileList as unknown[]) }
    } catch (e) {
      return storageFailure(e)
    }
  }
  CloudBase.callWxOpenApi = async function (options: { apiName: string; requestData?: unknown }) {
    return { requestId: requestId(), result: await host().openapi(options.apiName, options.requestData ?? {}) }
  }
}

/** uploadFile takes a Buffer or a readable stream (fs.ReadStream in WeChat's example). */
async function contentOf(content: unknown): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content
  if (content instanceof Uint8Array || typeof content === 'string') return Buffer.from(content)
  if (content && typeof (content as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = []
    for await (const chunk of content as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk))
    return Buffer.concat(chunks)
  }
  throw new StorageError('INVALID_PARAM', 'fileContent must be a Buffer or a readable stream')
}

/**
 * In a transaction, @cloudbase/database sends `where().update/remove/count` and `aggregate()`
 * WITHOUT the transaction id (they would silently run outside it). WeChat allows only single-document
 * operations in transactions, so these fail here, before reaching the wire.
 */
function guardTransactionOnlyDocOps(): void {
  const refuse = (what: string) => {
    const err = dbErrors.notInTransaction(what)
    return { requestId: requestId(), code: err.code, message: err.message }
  }
  const Query = internals.query().prototype
  for (const [method, what] of [
    ['update', 'where().update()'],
    ['remove', 'where().remove()'],
    ['count', 'count()']
  ] as const) {
    const original = Query[method]
    Query[method] = function (this: { _transactionId?: string }, ...args: unknown[]) {
      if (this._transactionId) return Promise.resolve(refuse(what))
      return original.apply(this, args)
    }
  }
  const Collection = internals.collection().prototype
  const aggregate = Collection.aggregate
  Collection.aggregate = function (this: { _transactionId?: string }, ...args: unknown[]) {
    if (this._transactionId) throw new Error(refuse('aggregate()').message)
    return aggregate.apply(this, args)
  }
}

function cutNetwork(): void {
  const platform = internals.cloudPlatform()
  platform.preflightRuntimeCloudPlatform = async () => undefined
  internals.metadata().lookupAppId = async () => ''
  for (const mod of internals.requesters()) {
    mod.request = async (args: { params?: { action?: string } } = {}) => {
      throw new Error(`local cloud: ${args?.params?.action ?? 'this cloud API'} is not emulated and the network is off`)
    }
  }
}
