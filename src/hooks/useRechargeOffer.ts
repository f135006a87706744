import type { RechargeOffer } from '../../contracts/api'
import { recharge } from '../services'
import { useRemote, type Remote } from './useRemote'

/** Plans (with server-computed bonus), campaigns, custom-amount rule, agreement and cap. */
export function useRechargeOffer(storeId?: string): Remote<RechargeOffer> {
  return useRemote(() => recharge.plans(storeId), [storeId])
}
