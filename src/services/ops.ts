import type { Attention, OpsEvent } from '../../contracts/api'
import { callFunction } from './call'

const call = <T>(event: OpsEvent) => callFunction<OpsEvent, T>('ops', event)

/** Cloud function `ops`: the staff desk (staff only; others get FORBIDDEN). */
export const ops = {
  attention: () => call<Attention>({ action: 'attention' }),
  retryShipping: (id: string) => call<{ status: string }>({ action: 'retryShipping', id })
}
