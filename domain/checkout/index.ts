export * from './types'
export * from './coupon'
export * from './price'
export * from './spend'
