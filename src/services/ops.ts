import type { OpsEvent, OpsResults, StaffRefundState } from '../../contracts/ops'
import type { Fen } from '../../contracts/money'
import { callFunction } from './call'

/** Types only from contracts/: the event is the schema's input, the answer the contract's result. */
const call = <A extends OpsEvent['action']>(event: Extract<OpsEvent, { action: A }>) => callFunction<OpsEvent, OpsResults[A]>('ops', event)

/**
 * The refund function's staff actions, in the shapes agreed for issue 11 (refundStart {openid,
 * requestId, reason}, refundApprove {refundId}, refundReject {refundId, reason}). TODO(refund
 * merge): once they are in contracts/ops.ts, call them through `call` and drop these types.
 */
type RefundOpsEvent =
  | { action: 'refundStart'; openid: string; requestId: string; reason: string }
  | { action: 'refundApprove'; refundId: string }
  | { action: 'refundReject'; refundId: string; reason: string }
export interface RefundOpsResult {
  refundId: string
  amount: Fen
  state: StaffRefundState
}
const callRefund = (event: RefundOpsEvent) => callFunction<RefundOpsEvent, RefundOpsResult>('ops', event)

/** Cloud function `ops`: the staff desk (staff only; others get FORBIDDEN). */
export const ops = {
  attention: () => call({ action: 'attention' }),
  retryShipping: (id: string) => call({ action: 'retryShipping', id }),
  /** a store's fund account (storeId) or every store's and the merchant's, for [from, to] (Shanghai dates) */
  fundStatement: (from: string, to: string, storeId?: string) => call({ action: 'fundStatement', from, to, ...(storeId ? { storeId } : {}) }),
  liabilityReport: () => call({ action: 'liabilityReport' }),
  reconReport: (date: string) => call({ action: 'reconReport', date }),
  reconRun: (date: string) => call({ action: 'reconRun', date }),
  stores: () => call({ action: 'stores' }),
  storeCode: (storeId: string) => call({ action: 'storeCode', storeId }),
  /** by an 11-digit phone or the 8-digit member code */
  memberFind: (query: string) => call({ action: 'memberFind', query }),
  memberDetail: (openid: string) => call({ action: 'memberDetail', openid }),
  /** `requestId`: one per tap on 确认发起; a retry sends the same */
  refundStart: (openid: string, requestId: string, reason: string) => callRefund({ action: 'refundStart', openid, requestId, reason }),
  refundApprove: (refundId: string) => callRefund({ action: 'refundApprove', refundId }),
  refundReject: (refundId: string, reason: string) => callRefund({ action: 'refundReject', refundId, reason })
}
