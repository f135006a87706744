import { createHash } from 'crypto'

/**
 * A refund's id: `rf` + the first 28 hex digits of SHA-256(member, request id). A function of the
 * two only, so a retried or double-tapped request lands on the same refund document (its `add`
 * fails on a duplicate `_id`), and ≤ 31 chars of [0-9a-z] so `<refundId>-<outTradeNo>` fits
 * WeChat Pay's 64-char out_refund_no (domain/refunds/allocate.ts). No `-` inside: the refund of
 * an out_refund_no is the text before its first `-`.
 */
export function refundIdOf(openid: string, requestId: string): string {
  return `rf${createHash('sha256').update(`refund\n${openid}\n${requestId}`).digest('hex').slice(0, 28)}`
}

/** The refund an out_refund_no of ours belongs to; null when it is not one of ours. */
export function refundIdOfOutRefundNo(outRefundNo: string): string | null {
  const m = /^(rf[0-9a-f]{28})-/.exec(outRefundNo)
  return m ? m[1] : null
}
