import type { RechargeEvent, RechargeResults } from '../../contracts/recharge'
import { callFunction } from './call'

/** Types only from contracts/: the event is the schema's input, the answer the contract's result. */
const call = <A extends RechargeEvent['action']>(event: Extract<RechargeEvent, { action: A }>) =>
  callFunction<RechargeEvent, RechargeResults[A]>('recharge', event)
const store = (storeId?: string) => (storeId ? { storeId } : {})

type CreateEvent = Extract<RechargeEvent, { action: 'create' }>
/** a bill attached to a recharge (recharge.create `bill`) */
export type RechargeBill = NonNullable<CreateEvent['bill']>

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
    call({
      action: 'create',
      ...(planId !== undefined ? { planId } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...store(storeId),
      agreementVersion,
      ...(bill ? { bill } : {}),
      ...(freeBill ? { freeBill } : {})
    }),
  /** `billPaymentId` is set once an attached bill was paid in the crediting transaction */
  status: (outTradeNo: string) => call({ action: 'status', outTradeNo })
}
