/**
 * The platform limits a local invocation runs under, as CloudBase applies them in production:
 *
 * - runtime: a function configured for a Node.js older than MIN_RUNTIME is refused (our bundles
 *   use ES2021 syntax such as `??=`, which Nodejs10.15, the CLI's default, cannot even parse);
 * - timeout: past its configured seconds the invocation is abandoned and its caller gets the
 *   cloud's timeout error; anything the abandoned code still tries on the platform is refused;
 * - work after return: a platform call (database, open API, another function, an outbound HTTP
 *   request) made on behalf of an invocation that already returned is reported. In the cloud the
 *   instance is frozen once the function returns, so such work may run much later or never.
 *
 * Sources are cited in docs/local-cloud.md ("Runtime limits").
 */
import { subscribe } from 'diagnostics_channel'
import { MIN_RUNTIME, runtimeProblem, type FunctionLimits } from '../../scripts/cloudbaserc'
import { currentScope } from './context'

export type { FunctionLimits } from '../../scripts/cloudbaserc'

/** Limits for a function registered without any: a supported runtime and CloudBase's 20 s console default. */
export const LOCAL_DEFAULT_LIMITS: FunctionLimits = { runtime: MIN_RUNTIME, timeout: 20, memorySize: 256 }

/**
 * What a caller sees when a function runs past its timeout. SCF reports
 * `{"errorCode":-1,"errorMessage":"Invoking task timed out after 3 seconds","statusCode":433}`;
 * a mini-program's wx.cloud.callFunction fails with
 * `errCode: -504003  | errMsg: Invoking task timed out after 3 seconds`; CloudBase names the
 * error FUNCTIONS_TIME_LIMIT_EXCEEDED.
 */
export class FunctionTimeoutError extends Error {
  readonly code = 'FUNCTIONS_TIME_LIMIT_EXCEEDED'
  readonly errCode = -504003
  readonly statusCode = 433
  readonly errMsg: string
  constructor(
    readonly functionName: string,
    readonly requestId: string,
    seconds: number
  ) {
    const errMsg = `Invoking task timed out after ${seconds} seconds`
    super(`errCode: -504003  | errMsg: ${errMsg}`)
    this.name = 'FunctionTimeoutError'
    this.errMsg = errMsg
  }
}

/** The function's runtime cannot load our bundles; the cloud would fail every call to it. */
export class UnsupportedRuntimeError extends Error {
  constructor(functionName: string, problem: string) {
    super(`cloud function ${functionName}: ${problem}; set its runtime in cloudbaserc.json`)
    this.name = 'UnsupportedRuntimeError'
  }
}

export function checkRuntime(name: string, limits: FunctionLimits): void {
  const problem = runtimeProblem(limits.runtime)
  if (problem) throw new UnsupportedRuntimeError(name, problem)
}

/** A platform call made for an invocation that had already returned or timed out. */
export interface LateWork {
  function: string
  requestId: string
  after: 'returned' | 'timed out'
  /** e.g. 'db:database.updateDocument', 'openapi:wxa.sec.order.uploadShippingInfo', 'http:POST 127.0.0.1/v3/…' */
  what: string
}

/**
 * Checks the invocation behind the current async call chain before a platform call. After a
 * return the call is reported and allowed (a frozen instance may still run it later); after a
 * timeout it is reported and refused (the platform ended that invocation).
 */
export function checkLate(what: string, invocation = currentScope()?.invocation): void {
  if (!invocation || invocation.state === 'running') return
  invocation.late(what)
  if (invocation.state === 'timed out') {
    throw new Error(`local cloud: ${invocation.name} (request ${invocation.requestId}) timed out; its late ${what} is refused`)
  }
}

/** Outbound HTTP (axios to WeChat Pay, fetch) counts as platform work too: reported, never refused. */
let watchingHttp = false
export function watchOutboundHttp(): void {
  if (watchingHttp) return
  watchingHttp = true
  subscribe('http.client.request.start', (message) => {
    const invocation = currentScope()?.invocation
    if (!invocation || invocation.state === 'running') return
    const req = (message as { request: { method?: string; host?: string; path?: string } }).request
    invocation.late(`http:${req.method ?? 'GET'} ${req.host ?? ''}${req.path ?? ''}`)
  })
}

export function describeLateWork(w: LateWork): string {
  return `[local cloud] ${w.function} (request ${w.requestId}) made ${w.what} after it ${w.after}: in the cloud a function's instance is frozen once it returns, so this work may run much later or never (docs/local-cloud.md, "Runtime limits")`
}

