export * from './policy'
export * from './rule'
export * from './allocate'
export * from './hold'
