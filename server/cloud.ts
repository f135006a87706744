import cloud from 'wx-server-sdk'
import type { Db } from './db/types'

/**
 * The one place functions reach the WeChat cloud. Locally the same SDK runs with its
 * database transport answered by the local cloud (local/cloud), so nothing here changes.
 */
let ready = false
export function wx(): typeof cloud {
  if (!ready) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    ready = true
  }
  return cloud
}

/** `throwOnNotFound: false`: a missing doc reads as `{ data: null }`, as the docs advise inside transactions. */
let db: Db | null = null
export function database(): Db {
  // one Database per warm instance, as WeChat's examples keep it at module level
  db ??= wx().database({ throwOnNotFound: false } as never) as unknown as Db
  return db
}
