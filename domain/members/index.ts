export * from './coupons'
export * from './points'
export * from './member-code'
export * from './demo'
