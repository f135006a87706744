/**
 * Results of the checkout domain. Failures are values shaped like contracts/result.ts `Fail`, so a
 * handler can return them as is. `COUPON_NOT_APPLICABLE` and `INSUFFICIENT_BALANCE` are new codes
 * the checkout function session adds to contracts/result.ts (see docs/checkout.md).
 */
export type CheckoutErrorCode = 'AMOUNT_OUT_OF_RANGE' | 'COUPON_NOT_APPLICABLE' | 'INSUFFICIENT_BALANCE'

export interface CheckoutFail<C extends CheckoutErrorCode = CheckoutErrorCode> {
  ok: false
  error: { code: C; message: string }
}

export type CheckoutResult<T, C extends CheckoutErrorCode = CheckoutErrorCode> = { ok: true; data: T } | CheckoutFail<C>

export function checkoutFail<C extends CheckoutErrorCode>(code: C, message: string): CheckoutFail<C> {
  return { ok: false, error: { code, message } }
}
