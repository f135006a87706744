/**
 * Who is calling: one AsyncLocalStorage scope per `invoke`, and a `process.env` that answers the
 * WeChat context variables from that scope.
 *
 * The real `cloud.getWXContext()` reads only process.env (WX_CONTEXT_KEYS, WX_OPENID, …, TCB_ENV,
 * TCB_SOURCE). Inside the cloud each invocation has its own process environment; locally many run
 * at once in one process, so a Proxy over process.env gives each async call chain its own values
 * and the unmodified getWXContext keeps working. Outside any scope the real variables show through.
 */
import { AsyncLocalStorage } from 'async_hooks'

export interface CallContext {
  openid?: string
  appid?: string
  unionid?: string
  /** WeChat's SOURCE: wx_client, wx_devtools, wx_http, wx_trigger, wx_paycallback, scf, … */
  source?: string
  clientIp?: string
}

/** What the patched SDK needs from a local cloud, whichever one is serving the call. */
export interface CloudHost {
  handleDb(action: string, params: unknown): Promise<unknown>
  callFunction(name: string, data: unknown, caller: CallContext | undefined): Promise<{ result: unknown; requestId: string }>
  openapi(api: string, data: unknown): Promise<unknown>
  /** cloud storage (local/cloud/files.ts): throws StorageError for what CloudBase refuses */
  uploadFile(cloudPath: unknown, content: Buffer): Promise<string>
  tempFileUrls(fileList: unknown[]): Promise<TempFileUrl[]>
}

/** One entry of getTempFileURL's answer, as CloudBase's storage API returns it (`code` per file). */
export interface TempFileUrl {
  fileID: string
  tempFileURL: string
  code: 'SUCCESS' | 'STORAGE_FILE_NONEXIST'
  maxAge: number
}

/** A storage call CloudBase refuses; `code` is one of TCB_ERR_CODE's names. */
export class StorageError extends Error {
  constructor(
    readonly code: 'INVALID_PARAM' | 'STORAGE_REQUEST_FAIL',
    message: string
  ) {
    super(message)
  }
}

export interface Scope {
  host: CloudHost
  ctx: CallContext
  env: Record<string, string | undefined>
  /** the invocation this async call chain belongs to (timers and promises it started keep it) */
  invocation?: Invocation
}

/** One run of a function; `state` tells platform calls made later whether it is still running. */
export interface Invocation {
  name: string
  requestId: string
  state: 'running' | 'returned' | 'timed out'
  /** reports a platform call (`what`) made for this invocation after it returned or timed out */
  late(what: string): void
}

const als = new AsyncLocalStorage<Scope>()

/** Variables the scope owns; all of them read as undefined in a scope that lacks them. */
const OWNED = new Set(['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'TCB_SOURCE', 'TCB_ENV'])
const MARK = '__chuzhiLocalCloudEnv'

export function scopeEnv(ctx: CallContext, envName: string): Scope['env'] {
  return {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
    WX_OPENID: ctx.openid,
    WX_APPID: ctx.appid,
    WX_UNIONID: ctx.unionid,
    WX_CLIENTIP: ctx.clientIp,
    TCB_SOURCE: ctx.source,
    TCB_ENV: envName
  }
}

export function runInScope<T>(scope: Scope, fn: () => T): T {
  installEnvProxy()
  return als.run(scope, fn)
}

export function currentScope(): Scope | undefined {
  return als.getStore()
}

function installEnvProxy(): void {
  const env = process.env as Record<string, unknown>
  if (env[MARK]) return
  process.env = new Proxy(env, {
    get(target, key) {
      if (key === MARK) return true
      const scope = als.getStore()
      if (scope && typeof key === 'string' && OWNED.has(key)) return scope.env[key]
      return Reflect.get(target, key)
    },
    has(target, key) {
      const scope = als.getStore()
      if (scope && typeof key === 'string' && OWNED.has(key)) return scope.env[key] !== undefined
      return Reflect.has(target, key)
    },
    set(target, key, value) {
      target[key as string] = value
      return true
    },
    deleteProperty(target, key) {
      delete target[key as string]
      return true
    }
  }) as NodeJS.ProcessEnv
}

// --- which local cloud serves calls made outside an invoke (tests calling cloud.database()) ----

const hosts: CloudHost[] = []

export function registerHost(host: CloudHost): void {
  hosts.push(host)
}

export function unregisterHost(host: CloudHost): void {
  const i = hosts.lastIndexOf(host)
  if (i >= 0) hosts.splice(i, 1)
}

/** The invoking cloud, else the most recently created open one. */
export function activeHost(): CloudHost | undefined {
  return als.getStore()?.host ?? hosts[hosts.length - 1]
}
