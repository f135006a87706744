import type { Fen } from '../../contracts/money'
import type { OpsEvent, OpsResults } from '../../contracts/ops'
import { callFunction } from './call'

/** Types only from contracts/: the event is the schema's input, the answer the contract's result. */
const call = <A extends OpsEvent['action']>(event: Extract<OpsEvent, { action: A }>) => callFunction<OpsEvent, OpsResults[A]>('ops', event)

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
  refundStart: (openid: string, requestId: string, reason: string) => call({ action: 'refundStart', openid, requestId, reason }),
  refundApprove: (refundId: string) => call({ action: 'refundApprove', refundId }),
  refundReject: (refundId: string, reason: string) => call({ action: 'refundReject', refundId, reason }),
  /** a manual payout made to the member's own account; `reference` is the transfer's */
  payoutComplete: (refundId: string, outRefundNo: string, reference: string) => call({ action: 'payoutComplete', refundId, outRefundNo, reference }),
  /** goods returned against a balance payment (A10); `amount` defaults to all that is left of it */
  paymentReturn: (paymentId: string, requestId: string, reason: string, amount?: Fen) => call({ action: 'paymentReturn', paymentId, requestId, reason, ...(amount !== undefined ? { amount } : {}) })
}
