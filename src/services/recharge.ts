import type { CreatedOrder, OrderStatus, PlanQuote, RechargeEvent, RechargeOffer } from '../../contracts/api'
import { callFunction } from './call'

const call = <T>(event: RechargeEvent) => callFunction<RechargeEvent, T>('recharge', event)
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
  plans: (storeId?: string) => call<RechargeOffer>({ action: 'plans', ...store(storeId) }),
  /** server-side bonus for a custom amount in fen */
  quote: (amount: number, storeId?: string) => call<PlanQuote>({ action: 'quote', amount, ...store(storeId) }),
  create: ({ planId, amount, storeId, agreementVersion }: CreateRecharge) =>
    call<CreatedOrder>({
      action: 'create',
      ...(planId !== undefined ? { planId } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...store(storeId),
      agreementVersion
    }),
  status: (outTradeNo: string) => call<OrderStatus>({ action: 'status', outTradeNo })
}
