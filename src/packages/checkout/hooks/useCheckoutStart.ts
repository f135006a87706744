import type { RechargeOffer, WalletBalance } from '../../../../contracts/api'
import { useRemote, type Remote } from '../../../hooks/useRemote'
import { recharge, wallet } from '../../../services'

export interface CheckoutStart {
  balance: WalletBalance
  /** the store's recharge offer: its name, and the agreement version a recommendation is bought under */
  offer: RechargeOffer
}

/**
 * What the checkout page needs before the first key: who pays (balance, tier) and at which store.
 * recharge.plans answers STORE_NOT_FOUND for a store the merchant does not have.
 */
export function useCheckoutStart(storeId: string | undefined): Remote<CheckoutStart> {
  return useRemote(async () => {
    const [balance, offer] = await Promise.all([wallet.balance(), recharge.plans(storeId)])
    return { balance, offer }
  }, [storeId])
}
