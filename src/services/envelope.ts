import type { Result } from '../../contracts/result'
import { ApiError } from './errors'

function isResult(raw: unknown): raw is Result<unknown> {
  if (typeof raw !== 'object' || raw === null) return false
  const r = raw as { ok?: unknown; error?: { code?: unknown } }
  if (r.ok === true) return 'data' in r
  return r.ok === false && typeof r.error?.code === 'string'
}

/** `{ ok: true, data }` → data; `{ ok: false, error }` → throws ApiError(code, message). */
export function unwrap<T>(raw: unknown): T {
  if (!isResult(raw)) throw new ApiError('BAD_RESPONSE', '')
  if (raw.ok) return raw.data as T
  throw new ApiError(raw.error.code, raw.error.message)
}

export { isResult }
