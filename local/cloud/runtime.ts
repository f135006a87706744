/**
 * The local cloud: unmodified cloud functions (`exports.main`) run in-process against SQLite, with
 * the real wx-server-sdk. See docs/local-cloud.md.
 */
import { COLLECTIONS, INDEXES, type IndexSpec } from '../../server/db/indexes'
import { registerHost, runInScope, scopeEnv, StorageError, unregisterHost, type CallContext, type CloudHost, type Invocation } from './context'
import { LocalDatabase } from './database'
import { checkCloudPath, DEFAULT_MAX_AGE, FILES_PATH, LocalFiles } from './files'
import { defaultOpenApiAnswer, localWxacode } from './openapi'
import { checkLate, checkRuntime, describeLateWork, FunctionTimeoutError, LOCAL_DEFAULT_LIMITS, watchOutboundHttp, type FunctionLimits, type LateWork } from './limits'
import { Store } from './store'
import { TransactionManager } from './transactions'
import { installTransport, requestId } from './transport'

export type { CallContext } from './context'
export type { FunctionLimits, LateWork } from './limits'
export { FunctionTimeoutError, UnsupportedRuntimeError } from './limits'

export type CloudMain = (event: any, context: any) => Promise<any> | any

export interface OpenapiCall {
  /** the path used, e.g. 'urllink.generate'; cloudPay calls are 'cloudPay.<name>' */
  api: string
  /** the request body as WeChat's server receives it (snake_case keys) */
  data: unknown
  at: Date
}

/** Answers an open API call with WeChat's JSON body; `{ errcode: 40001, errmsg }` makes the call fail. */
export type OpenapiHandler = (api: string, data: unknown) => unknown | Promise<unknown>

export interface LocalCloudOptions {
  /** SQLite file (WAL); default ':memory:' */
  file?: string
  functions?: Record<string, CloudMain>
  /** runtime, timeout and memory by function name (local/server reads them from cloudbaserc.json); default LOCAL_DEFAULT_LIMITS */
  limits?: Record<string, FunctionLimits>
  /** called for each platform call made after its invocation returned or timed out; default console.warn */
  onLateWork?: (work: LateWork) => void
  /** what getWXContext().ENV reports; default 'local' */
  env?: string
  /** a transaction older than this is rolled back and its locks released; default 30 s */
  transactionTimeoutMs?: number
  /** index definitions by collection; default server/db/indexes.ts INDEXES */
  indexes?: Record<string, IndexSpec[]>
  /**
   * the local server's origin: temporary file URLs point at its /api/files/, and local
   * mini-program codes at its H5 build; default http://127.0.0.1
   */
  appUrl?: string
}

export interface LocalCloud {
  /** Runs a function as WeChat would for this caller; rejects with what the function threw. */
  invoke(name: string, event: unknown, ctx?: CallContext): Promise<any>
  /** Adds a function; `limits` default to LOCAL_DEFAULT_LIMITS. */
  register(name: string, main: CloudMain, limits?: Partial<FunctionLimits>): void
  has(name: string): boolean
  limitsOf(name: string): FunctionLimits
  /** platform calls made after their invocation returned or timed out, oldest first (tests assert it is empty) */
  readonly lateWork: LateWork[]
  readonly openapiCalls: OpenapiCall[]
  /** Sets how open API calls are answered; without an argument, back to the default (success; wxacode.getUnlimited: a QR PNG). */
  setOpenapiHandler(fn?: OpenapiHandler): void
  /** the clock behind db.serverDate() and the store's updated_at */
  setClock(now: () => number): void
  readonly store: Store
  readonly database: LocalDatabase
  /** cloud storage: what `cloud.uploadFile` wrote */
  readonly files: LocalFiles
  close(): void
}

/**
 * Default open API answer: success, which the SDK turns into `{ errCode: 0, errMsg: 'openapi.<api>:ok' }`;
 * wxacode.getUnlimited answers with an image, as WeChat does, and phonenumber.getPhoneNumber
 * with the demo customers' phones (local/cloud/openapi.ts).
 */
const defaultHandler =
  (appUrl: string): OpenapiHandler =>
  (api, data) =>
    api === 'wxacode.getUnlimited' ? localWxacode(data as Record<string, unknown>, appUrl) : defaultOpenApiAnswer(api, data)

/** Functions see JSON, as they do in the cloud (Dates become strings, undefined disappears). */
const viaJson = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)))

export function createLocalCloud(opts: LocalCloudOptions = {}): LocalCloud {
  installTransport()
  let now: () => number = Date.now
  const clock = () => now()
  const store = new Store({ file: opts.file, indexes: opts.indexes ?? INDEXES, now: clock })
  for (const name of Object.values(COLLECTIONS)) store.createCollection(name)
  const database = new LocalDatabase(store, new TransactionManager(opts.transactionTimeoutMs ?? 30_000), clock)
  const functions = new Map<string, CloudMain>(Object.entries(opts.functions ?? {}))
  const limits = new Map<string, FunctionLimits>(Object.entries(opts.limits ?? {}))
  const limitsOf = (name: string) => limits.get(name) ?? LOCAL_DEFAULT_LIMITS
  const lateWork: LateWork[] = []
  const onLateWork = opts.onLateWork ?? ((w: LateWork) => console.warn(describeLateWork(w)))
  watchOutboundHttp()
  const openapiCalls: OpenapiCall[] = []
  const appUrl = opts.appUrl ?? 'http://127.0.0.1'
  const okHandler = defaultHandler(appUrl)
  let openapiHandler = okHandler
  const envName = opts.env ?? 'local'
  const files = new LocalFiles(store.db, envName, clock)
  let closed = false

  async function run(name: string, event: unknown, ctx: CallContext, fromClient: boolean): Promise<{ result: unknown; requestId: string }> {
    // a test that outlives its stack must fail, not keep working against a closed database
    if (closed) throw new Error(`local cloud: closed; ${name} cannot run`)
    const main = functions.get(name)
    if (!main) throw Object.assign(new Error(`[ResourceNotFound.Function] function ${name} does not exist (local registry)`), { name: 'ResourceNotFound' })
    const lim = limitsOf(name)
    checkRuntime(name, lim)
    const id = requestId()
    const context = { request_id: id, function_name: name, namespace: envName, memory_limit_in_mb: lim.memorySize, time_limit_in_ms: lim.timeout * 1000 }
    const payload = viaJson(event) ?? {}
    // mini-program calls carry the caller in event.userInfo too
    if (fromClient && ctx.openid && payload && typeof payload === 'object' && !Array.isArray(payload)) {
      payload.userInfo = { appId: ctx.appid, openId: ctx.openid }
    }
    const invocation: Invocation = {
      name,
      requestId: id,
      state: 'running',
      late(what) {
        const work: LateWork = { function: name, requestId: id, after: invocation.state as LateWork['after'], what }
        lateWork.push(work)
        onLateWork(work)
      }
    }
    // the function's own promise; after a timeout nobody awaits it, so its rejection is dropped here
    const work = runInScope({ host, ctx, env: scopeEnv(ctx, envName), invocation }, async () => main(payload, context))
    work.catch(() => {})
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        invocation.state = 'timed out'
        console.warn(`[local cloud] ${name} (request ${id}): Invoking task timed out after ${lim.timeout} seconds`)
        reject(new FunctionTimeoutError(name, id, lim.timeout))
      }, lim.timeout * 1000)
    })
    try {
      const result = await Promise.race([work, deadline])
      return { result: viaJson(result), requestId: id }
    } finally {
      clearTimeout(timer)
      if (invocation.state === 'running') invocation.state = 'returned'
    }
  }

  const host: CloudHost = {
    async handleDb(action, params) {
      checkLate(`db:${action}`)
      return database.handle(action, params as never)
    },
    // a function calling another one passes its caller on (SOURCE gains ",scf")
    async callFunction(name, data, caller) {
      checkLate(`callFunction:${name}`)
      return run(name, data, { ...caller, source: caller?.source ? `${caller.source},scf` : 'scf' }, false)
    },
    async openapi(api, data) {
      checkLate(`openapi:${api}`)
      openapiCalls.push({ api, data, at: new Date(now()) })
      return openapiHandler(api, data)
    },
    async uploadFile(cloudPath, content) {
      checkLate('storage:uploadFile')
      const problem = checkCloudPath(cloudPath)
      if (problem) throw new StorageError('INVALID_PARAM', problem)
      return files.upload(cloudPath as string, content)
    },
    async tempFileUrls(fileList) {
      checkLate('storage:getTempFileURL')
      if (!Array.isArray(fileList) || fileList.length === 0 || fileList.length > 50) throw new StorageError('INVALID_PARAM', 'fileList must list 1 to 50 files')
      return fileList.map((item) => {
        const fileID = typeof item === 'string' ? item : String((item as { fileID?: unknown })?.fileID ?? '')
        const maxAge = typeof item === 'object' && item && Number((item as { maxAge?: unknown }).maxAge) > 0 ? Number((item as { maxAge: number }).maxAge) : DEFAULT_MAX_AGE
        const path = files.pathOf(fileID)
        if (path === null || !files.read(path)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' as const, maxAge }
        return { fileID, tempFileURL: `${appUrl}${FILES_PATH}${path.split('/').map(encodeURIComponent).join('/')}`, code: 'SUCCESS' as const, maxAge }
      })
    }
  }
  registerHost(host)

  return {
    invoke: async (name, event, ctx = {}) => {
      const caller = { ...ctx, source: ctx.source ?? (ctx.openid ? 'wx_client' : undefined) }
      return (await run(name, event, caller, true)).result
    },
    register(name, main, lim) {
      functions.set(name, main)
      limits.set(name, { ...limitsOf(name), ...lim })
    },
    has: (name) => functions.has(name),
    limitsOf,
    lateWork,
    openapiCalls,
    setOpenapiHandler: (fn) => void (openapiHandler = fn ?? okHandler),
    setClock: (fn) => void (now = fn),
    store,
    database,
    files,
    close() {
      closed = true
      unregisterHost(host)
      store.close()
    }
  }
}
