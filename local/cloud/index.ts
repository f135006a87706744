/** The local cloud: real wx-server-sdk, SQLite + mingo behind its transport. See docs/local-cloud.md. */
export { createLocalCloud } from './runtime'
export type { CloudMain, LocalCloud, LocalCloudOptions, OpenapiCall, OpenapiHandler } from './runtime'
export type { CallContext } from './context'
export { Store, idKey } from './store'
export type { StoredDoc, Change, StoreOptions } from './store'
export { LocalDatabase, MAX_GET, AGGREGATE_DEFAULT, AGGREGATE_MAX } from './database'
export { DbError, dbErrors } from './errors'
export { benchLocalCloud } from './bench'
