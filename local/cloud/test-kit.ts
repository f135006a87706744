/** Shared set-up for the local cloud's contract tests: a fresh cloud plus the real wx-server-sdk. */
import { createLocalCloud, type LocalCloudOptions } from './runtime'

// eslint-disable-next-line @typescript-eslint/no-var-requires
export const cloud: typeof import('wx-server-sdk') = require('wx-server-sdk')

export function openCloud(opts: LocalCloudOptions = {}) {
  const local = createLocalCloud(opts)
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  // the SDK's typings declare callback overloads (`Promise<T> | void | string`); tests read the runtime shapes
  const db: any = cloud.database({ throwOnNotFound: false } as object)
  return { local, db, _: db.command }
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the promise to reject')
}
