import type { RechargeEvent, RechargeResults } from '../../contracts/recharge'
import { callFunction } from './call'

/** Types only from contracts/: the event is the schema's input, the answer the contract's result. */
const call = <A extends RechargeEvent['action']>(event: Extract<RechargeEvent, { action: A }>) =>
  callFunction<RechargeEvent, RechargeResults[A]>('recharge', event)
const store = (storeId?: string) => (storeId ? { storeId } : {})

export interface CreateRecharge {
  /** exactly one of planId / amount (fen) */
  planId?: string
  amount?: number
  storeId?: string
  /** the agreement version the member ticked */
  agreementVersion: string
}

/** Cloud function `recharge`: offers, quotes, orders. Every bonus comes from here. */
export const recharge = {
  plans: (storeId?: string) => call({ action: 'plans', ...store(storeId) }),
  /** server-side bonus for a custom amount in fen */
  quote: (amount: number, storeId?: string) => call({ action: 'quote', amount, ...store(storeId) }),
  create: ({ planId, amount, storeId, agreementVersion }: CreateRecharge) =>
    call({
      action: 'create',
      ...(planId !== undefined ? { planId } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...store(storeId),
      agreementVersion
    }),
  status: (outTradeNo: string) => call({ action: 'status', outTradeNo })
}
