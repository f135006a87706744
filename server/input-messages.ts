import type { z } from 'zod'

/**
 * INVALID_INPUT messages in Chinese, saying what to do (issue 9: "amount: Number must be greater
 * than 0" reached a member). zod's own English never leaves the server, and nothing the caller
 * sent is repeated: field names come from this table, never from the event.
 *
 * A schema may carry its own Chinese message (contracts/money.ts does, for every amount); it is
 * used as is. Every other issue is worded here from its kind and the field it is about.
 */
const FIELDS: Record<string, string> = {
  amount: '金额',
  storeId: '门店',
  planId: '充值套餐',
  agreementVersion: '协议版本',
  outTradeNo: '订单号',
  cursor: '翻页位置',
  limit: '每页条数',
  id: '记录编号',
  requestId: '付款请求编号',
  paymentId: '付款编号',
  date: '日期',
  from: '开始日期',
  to: '结束日期'
}

/** What a member can do about input the page itself built: reload, or update the app. */
const REFRESH = '请返回刷新后重试'
const UPDATE = '请将小程序更新到最新版本后重试'

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s)

export function issueMessage(issue: z.ZodIssue): string {
  if (hasChinese(issue.message)) return issue.message
  const key = issue.path[issue.path.length - 1]
  const field = typeof key === 'string' ? FIELDS[key] : undefined
  switch (issue.code) {
    case 'unrecognized_keys':
      return `请求中有不支持的内容，${UPDATE}`
    case 'invalid_type':
      if (!field) return `请求格式不正确，${UPDATE}`
      return issue.received === 'undefined' ? `缺少${field}，${REFRESH}` : `${field}格式不正确，${REFRESH}`
    case 'too_small':
    case 'too_big':
      if (key === 'limit') return `每页条数须在1到50之间，${REFRESH}`
      return `${field ?? '请求内容'}长度不正确，${REFRESH}`
    default:
      return `${field ?? '请求内容'}格式不正确，${REFRESH}`
  }
}

/** The first problem, in Chinese: one thing to fix at a time. */
export function invalidInputMessage(err: z.ZodError): string {
  const first = err.issues[0]
  return first ? issueMessage(first) : `请求格式不正确，${UPDATE}`
}
