/**
 * H5 only: who "signed in" on the local cloud. There is no WeChat login in a browser, so the
 * demo users come from GET /api/dev/users and the chosen openid is kept in localStorage; the
 * transport sends it as X-Openid. Never bundled into the mini-program.
 */
import type { DemoUser } from '../../contracts/api'
import { unwrap } from './envelope'
import { ApiError } from './errors'

export const DEV_OPENID_KEY = 'chuzhi.devOpenid'

export function getDevOpenid(): string | null {
  try {
    return window.localStorage.getItem(DEV_OPENID_KEY) || null
  } catch {
    return null
  }
}

export function setDevOpenid(openid: string): void {
  window.localStorage.setItem(DEV_OPENID_KEY, openid)
}

export async function listDevUsers(): Promise<DemoUser[]> {
  let res: Response
  try {
    res = await fetch('/api/dev/users')
  } catch {
    throw new ApiError('NETWORK', '')
  }
  const body: unknown = await res.json().catch(() => undefined)
  if (!res.ok && body === undefined) throw new ApiError('NETWORK', `HTTP ${res.status}`)
  return unwrap<DemoUser[]>(body)
}

let pending: Promise<string | null> | null = null

/**
 * The openid to act as: the stored one, else the first demo user (stored from then on).
 * Concurrent first calls share one request; a failed lookup is retried next time.
 */
export function ensureDevOpenid(): Promise<string | null> {
  const stored = getDevOpenid()
  if (stored) return Promise.resolve(stored)
  pending ??= listDevUsers()
    .then((users) => {
      const first = users[0]?.openid ?? null
      if (first && !getDevOpenid()) setDevOpenid(first)
      return getDevOpenid()
    })
    .catch(() => null)
    .finally(() => {
      pending = null
    })
  return pending
}
