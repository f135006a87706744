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
  storeCode: (storeId: string) => call({ action: 'storeCode', storeId })
}
