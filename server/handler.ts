import { z } from 'zod'
import type { Result } from '../contracts/result'
import type { ActionOf, EventSchema, FunctionContract } from '../contracts/define'
import { AppError } from './errors'
import { wx } from './cloud'
import { invalidInputMessage } from './input-messages'
import { isConflict } from './db/transaction'

export interface Caller {
  openid: string
  appid: string | null
}

/** Who is calling: only ever the WeChat context, never the event. */
export function caller(): Caller | null {
  const ctx = wx().getWXContext() as Record<string, unknown>
  const openid = typeof ctx.OPENID === 'string' && ctx.OPENID ? ctx.OPENID : null
  if (!openid) return null
  return { openid, appid: typeof ctx.APPID === 'string' ? ctx.APPID : null }
}

/** Maps anything thrown to the envelope; unexpected errors are logged, never shown. */
export function toFailure(err: unknown): Result<never> {
  if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } }
  if (err instanceof z.ZodError) return { ok: false, error: { code: 'INVALID_INPUT', message: invalidInputMessage(err) } }
  // a write conflict that outlasted every retry (many requests on one document at once): nothing
  // was written, and trying again later succeeds, so it is "busy", not an internal error
  if (isConflict(err)) return { ok: false, error: { code: 'CONFLICT', message: '操作太频繁，请稍候再试' } }
  console.error('[chuzhi] unexpected error', err)
  return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }
}

/**
 * Fields the platform itself adds to an event: for mini-program calls, `userInfo: { appId,
 * openId }` (云函数 event 参数). They belong to the platform, not to the schema, and are never
 * read: identity comes from getWXContext() only. Everything else must be in the schema.
 */
const PLATFORM_FIELDS = ['userInfo']

function withoutPlatformFields(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event
  const fields = { ...(event as Record<string, unknown>) }
  for (const k of PLATFORM_FIELDS) delete fields[k]
  return fields
}

/** One handler per action; each must answer its action's result type from the contract. */
export type Routes<S extends EventSchema, R extends Record<string, unknown>> = {
  [A in keyof R & string]: (event: Extract<z.output<S>, { action: A }>, who: Caller) => Promise<R[A]>
}

/**
 * A member-facing cloud function: validates the event against the contract's schema (strict:
 * unknown fields are INVALID_INPUT), requires a WeChat identity, routes by `action` and returns
 * the `{ ok, data }` envelope. What a route answers is checked against the contract at compile
 * time. Nothing the caller sent is echoed back in an error.
 */
export function memberFunction<S extends EventSchema, R extends Record<ActionOf<S>, unknown>>(contract: FunctionContract<S, R>, routes: Routes<S, R>) {
  return async function main(event: unknown): Promise<Result<R[keyof R]>> {
    try {
      const parsed = contract.event.safeParse(withoutPlatformFields(event))
      if (!parsed.success) {
        const unknownAction = parsed.error.issues.some((i) => i.code === 'invalid_union_discriminator')
        if (unknownAction) throw new AppError('UNKNOWN_ACTION', '暂不支持该操作，请将小程序更新到最新版本后重试')
        throw parsed.error
      }
      const who = caller()
      if (!who) throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序后重试')
      const e = parsed.data as z.output<S>
      const route = routes[e.action as keyof R & string] as (event: z.output<S>, who: Caller) => Promise<R[keyof R]>
      return { ok: true, data: await route(e, who) }
    } catch (err) {
      return toFailure(err)
    }
  }
}
