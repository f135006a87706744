import type { RechargeEvent, RechargeResults } from '../../contracts/recharge'
import type { BillOrderStatus, RechargeBill } from '../../contracts/pending-issue10'
import { callFunction } from './call'

/** Types only from contracts/: the event is the schema's input, the answer the contract's result. */
const call = <A extends RechargeEvent['action']>(event: Extract<RechargeEvent, { action: A }>) =>
  callFunction<RechargeEvent, RechargeResults[A]>('recharge', event)
const store = (storeId?: string) => (storeId ? { storeId } : {})

// `bill` / `freeBill` [mixed] are typed from contracts/pending-issue10.ts until contracts/recharge.ts has them
type CreateEvent = Extract<RechargeEvent, { action: 'create' }> & { bill?: RechargeBill; freeBill?: true }

export interface CreateRecharge {
  /** exactly one of planId / amount (fen) */
  planId?: string
  amount?: number
  storeId?: string
  /** the agreement version the member ticked */
  agreementVersion: string
  /** a recommendation accepted at checkout: this bill is paid from the new balance when it is credited */
  bill?: RechargeBill
  /** 充值免单: the bill is the store's gift (with `bill`) */
  freeBill?: true
}

/** Cloud function `recharge`: offers, quotes, orders. Every bonus comes from here. */
export const recharge = {
  plans: (storeId?: string) => call({ action: 'plans', ...store(storeId) }),
  /** server-side bonus for a custom amount in fen */
  quote: (amount: number, storeId?: string) => call({ action: 'quote', amount, ...store(storeId) }),
  create: ({ planId, amount, storeId, agreementVersion, bill, freeBill }: CreateRecharge) =>
    callFunction<CreateEvent, RechargeResults['create']>('recharge', {
      action: 'create',
      ...(planId !== undefined ? { planId } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...store(storeId),
      agreementVersion,
      ...(bill ? { bill } : {}),
      ...(freeBill ? { freeBill } : {})
    }),
  /** `billPaymentId` is set once an attached bill was paid in the crediting transaction */
  status: (outTradeNo: string) => callFunction<Extract<RechargeEvent, { action: 'status' }>, BillOrderStatus>('recharge', { action: 'status', outTradeNo })
}
