export * from './accounts'
export * from './posting'
export * from './reconcile'
export * from './spend'
