import type { OpsEvent, OpsResults } from '../../contracts/ops'
import { callFunction } from './call'

/** Types only from contracts/: the event is the schema's input, the answer the contract's result. */
const call = <A extends OpsEvent['action']>(event: Extract<OpsEvent, { action: A }>) => callFunction<OpsEvent, OpsResults[A]>('ops', event)

/** Cloud function `ops`: the staff desk (staff only; others get FORBIDDEN). */
export const ops = {
  attention: () => call({ action: 'attention' }),
  retryShipping: (id: string) => call({ action: 'retryShipping', id })
}
