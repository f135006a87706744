import type { ErrorCode } from '../../contracts/result'

/** Failures that happen on the client side of a call, never sent by a cloud function. */
export type ClientErrorCode =
  /** the call did not reach the function or no answer came back (offline, HTTP 5xx, wx.cloud failure) */
  | 'NETWORK'
  /** an answer came back but it is not a `Result` envelope */
  | 'BAD_RESPONSE'
  /** the payment step failed for a reason other than the user cancelling */
  | 'PAYMENT_FAILED'

export type ApiErrorCode = ErrorCode | ClientErrorCode

/** The one error type pages see from services: a stable `code` to branch on, a `message` for people. */
export class ApiError extends Error {
  readonly code: ApiErrorCode

  constructor(code: ApiErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

const FALLBACK: Partial<Record<ApiErrorCode, string>> = {
  NETWORK: '网络异常，请稍后重试',
  BAD_RESPONSE: '服务返回异常，请稍后重试',
  PAYMENT_FAILED: '支付未完成，请重试'
}

/** Text to show for any thrown value: the server's message when there is one. */
export function errorText(e: unknown): string {
  if (isApiError(e)) return e.message || FALLBACK[e.code] || `出错了（${e.code}）`
  return '出错了，请稍后重试'
}
