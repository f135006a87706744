import type { RefundEvent, RefundResults } from '../../contracts/refund'
import { callFunction } from './call'

const call = <A extends RefundEvent['action']>(event: Extract<RefundEvent, { action: A }>) =>
  callFunction<RefundEvent, RefundResults[A]>('refund', event)

/** Cloud function `refund`: the signed-in member's refunds of stored value. */
export const refund = {
  quote: () => call({ action: 'quote' }),
  /** `requestId`: one per tap on 确认退款, the same on a retry */
  request: (requestId: string, reason?: string) => call({ action: 'request', requestId, ...(reason ? { reason } : {}) }),
  status: (refundId: string) => call({ action: 'status', refundId }),
  list: () => call({ action: 'list' })
}
