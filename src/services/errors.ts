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

/**
 * What a member can do about an error: try the same thing again, go back to where they came
 * from, or ask the store (nothing in the app can fix it). `none`: fix the input on the same screen.
 */
export type ErrorAction = 'retry' | 'back' | 'contact' | 'none'

export interface ErrorView {
  code: ApiErrorCode | 'UNKNOWN'
  /** Chinese, says what happened and what to do; never a code or an English sentence */
  text: string
  action: ErrorAction
}

/**
 * The error catalogue: every code the app can meet, in words a member understands. A `Record`
 * over the code union, so a new server code does not compile until it has its text here.
 */
export const ERROR_CATALOGUE: Record<ApiErrorCode, Omit<ErrorView, 'code'>> = {
  INVALID_INPUT: { text: '填写的内容有误，请检查后再试', action: 'none' },
  UNAUTHENTICATED: { text: '登录状态已失效，请重新进入小程序', action: 'back' },
  UNKNOWN_ACTION: { text: '当前版本过旧，请重新进入小程序', action: 'back' },
  NOT_FOUND: { text: '没有找到这条记录', action: 'back' },
  FORBIDDEN: { text: '仅限店员使用，如需开通请联系门店', action: 'back' },
  STORE_NOT_FOUND: { text: '没有找到这家门店，请重新扫描门店二维码', action: 'back' },
  PLAN_NOT_AVAILABLE: { text: '该充值方案已下架，请选择其他金额', action: 'retry' },
  AMOUNT_OUT_OF_RANGE: { text: '充值金额不在可选范围内，请修改金额', action: 'none' },
  BALANCE_CAP_EXCEEDED: { text: '超出储值余额上限，请减少充值金额', action: 'none' },
  CAMPAIGN_LIMIT_REACHED: { text: '活动次数已用完，请选择其他金额', action: 'retry' },
  AGREEMENT_REQUIRED: { text: '储值协议已更新，请重新阅读并同意', action: 'retry' },
  TOPUP_SUSPENDED: { text: '门店暂停充值，请联系门店', action: 'contact' },
  INSUFFICIENT_BALANCE: { text: '余额不足，请先充值或减少金额', action: 'none' },
  COUPON_NOT_APPLICABLE: { text: '这张券不能用于本单，请换一张或不用券', action: 'none' },
  VIRTUAL_GOODS: { text: '储值余额不能购买虚拟商品，请用微信支付', action: 'none' },
  FAMILY_LIMIT_EXCEEDED: { text: '超出本月家庭额度，请联系家人调整额度或用自己的余额付款', action: 'none' },
  NOT_FAMILY_MEMBER: { text: '你不在这个家庭中，请用自己的余额付款', action: 'back' },
  FAMILY_FULL: { text: '家庭成员已满，请先移除一位家人', action: 'back' },
  INVITE_INVALID: { text: '邀请已失效，请让家人重新分享', action: 'back' },
  ALREADY_IN_FAMILY: { text: '你已加入一个家庭，请先退出再加入', action: 'back' },
  MEMBERSHIP_REQUIRED: { text: '充值成为会员后才能邀请家人', action: 'back' },
  FREE_BILL_UNAVAILABLE: { text: '充值免单名额已用完，请选择其他充值方案', action: 'retry' },
  NOTHING_TO_REFUND: { text: '当前没有可退的储值本金', action: 'back' },
  REFUND_NOT_PENDING: { text: '这笔退款已处理，请刷新后查看', action: 'retry' },
  RETURN_TOO_LARGE: { text: '退回金额超过这笔付款可退的部分', action: 'none' },
  ORDER_NOT_FOUND: { text: '没有找到这笔订单', action: 'back' },
  PAYMENT_UNAVAILABLE: { text: '支付暂不可用，请稍后重试', action: 'retry' },
  BILL_NOT_READY: { text: '微信支付的账单次日10点后生成，请选择更早的日期或稍后再对账', action: 'none' },
  CONFLICT: { text: '操作太频繁，请稍后重试', action: 'retry' },
  INTERNAL: { text: '系统繁忙，请稍后重试', action: 'retry' },
  NETWORK: { text: '网络异常，请检查网络后重试', action: 'retry' },
  BAD_RESPONSE: { text: '服务返回异常，请稍后重试', action: 'retry' },
  PAYMENT_FAILED: { text: '支付未完成，请重试', action: 'retry' }
}

const UNKNOWN: ErrorView = { code: 'UNKNOWN', text: '出错了，请稍后重试', action: 'retry' }

/**
 * A server message is shown instead of the catalogue text only when it is written for members:
 * Chinese, with no Latin word (a zod message, a stack line, a code) in it. Order numbers such as
 * R2026… are letters + digits and pass.
 */
export function isMemberText(message: string): boolean {
  return /[\u4e00-\u9fff]/.test(message) && !/[A-Za-z]{2,}/.test(message)
}

/** The catalogue entry for any thrown value, with the server's own wording when it is fit to show. */
export function describeError(e: unknown): ErrorView {
  if (!isApiError(e)) return UNKNOWN
  const entry = ERROR_CATALOGUE[e.code] as Omit<ErrorView, 'code'> | undefined
  if (!entry) return UNKNOWN
  // the server's message is more precise ("最多还可存入¥4,430.00") when it is member-facing
  const text = e.message && isMemberText(e.message) ? e.message : entry.text
  return { code: e.code, text, action: entry.action }
}

/** Text to show for any thrown value. */
export function errorText(e: unknown): string {
  return describeError(e).text
}
