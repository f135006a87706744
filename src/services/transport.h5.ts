import { ensureDevOpenid } from './dev-users.h5'
import { isResult } from './envelope'
import { ApiError } from './errors'

/**
 * POST /api/fn/<name> on the local cloud (local/server). The server cannot see a WeChat
 * context here, so the dev user's openid travels in `X-Openid` (see dev-users.h5.ts).
 */
export async function send(name: string, event: unknown): Promise<unknown> {
  const openid = await ensureDevOpenid()
  let res: Response
  try {
    res = await fetch(`/api/fn/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(openid ? { 'X-Openid': openid } : {}) },
      body: JSON.stringify(event ?? {})
    })
  } catch {
    throw new ApiError('NETWORK', '')
  }
  const body: unknown = await res.json().catch(() => undefined)
  // A function's own failure may come with a 4xx status; the envelope is what counts.
  if (isResult(body)) return body
  if (!res.ok) throw new ApiError('NETWORK', `HTTP ${res.status}`)
  return body
}
