/**
 * The envelope every cloud function returns. Codes are stable UPPER_SNAKE strings, listed in
 * docs/api.md; messages are for people and may change.
 */
export type Ok<T> = { ok: true; data: T }
export type Fail = { ok: false; error: { code: ErrorCode; message: string } }
export type Result<T> = Ok<T> | Fail

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'UNKNOWN_ACTION',
  'NOT_FOUND',
  'FORBIDDEN',
  'STORE_NOT_FOUND',
  'PLAN_NOT_AVAILABLE',
  'AMOUNT_OUT_OF_RANGE',
  'BALANCE_CAP_EXCEEDED',
  'CAMPAIGN_LIMIT_REACHED',
  'AGREEMENT_REQUIRED',
  'TOPUP_SUSPENDED',
  'INSUFFICIENT_BALANCE',
  'COUPON_NOT_APPLICABLE',
  'VIRTUAL_GOODS',
  'FAMILY_LIMIT_EXCEEDED',
  'NOT_FAMILY_MEMBER',
  'FAMILY_FULL',
  'INVITE_INVALID',
  'ALREADY_IN_FAMILY',
  'MEMBERSHIP_REQUIRED',
  'FREE_BILL_UNAVAILABLE',
  'ORDER_NOT_FOUND',
  'PAYMENT_UNAVAILABLE',
  'BILL_NOT_READY',
  'NOTHING_TO_REFUND',
  'REFUND_NOT_PENDING',
  'RETURN_TOO_LARGE',
  'CONFLICT',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]
