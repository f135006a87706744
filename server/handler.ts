import { z, type ZodType } from 'zod'
import type { Result } from '../contracts/result'
import { AppError } from './errors'
import { wx } from './cloud'

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

function describe(err: z.ZodError): string {
  const i = err.issues[0]
  const where = i.path.length ? `${i.path.join('.')}: ` : ''
  return `${where}${i.message}`
}

/** Maps anything thrown to the envelope; unexpected errors are logged, never shown. */
export function toFailure(err: unknown): Result<never> {
  if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } }
  if (err instanceof z.ZodError) return { ok: false, error: { code: 'INVALID_INPUT', message: describe(err) } }
  console.error('[chuzhi] unexpected error', err)
  return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }
}

/**
 * A member-facing cloud function: validates the event against `schema` (an `action`
 * discriminated union), requires a WeChat identity, and returns the `{ ok, data }` envelope.
 */
export function memberFunction<E extends { action: string }>(
  schema: ZodType<E, z.ZodTypeDef, unknown>,
  route: (event: E, who: Caller) => Promise<unknown>
) {
  return async function main(event: unknown): Promise<Result<unknown>> {
    try {
      const action = (event as { action?: unknown } | null)?.action
      const parsed = schema.safeParse(event)
      if (!parsed.success) {
        const known = parsed.error.issues.some((i) => i.code === 'invalid_union_discriminator')
        if (known) throw new AppError('UNKNOWN_ACTION', `unknown action: ${String(action)}`)
        throw parsed.error
      }
      const who = caller()
      if (!who) throw new AppError('UNAUTHENTICATED', '请在微信中打开')
      return { ok: true, data: await route(parsed.data, who) }
    } catch (err) {
      return toFailure(err)
    }
  }
}
