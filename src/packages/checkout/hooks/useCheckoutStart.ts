import type { RechargeOffer, WalletBalance } from '../../../../contracts/api'
import type { FamilyView } from '../../../../contracts/family'
import { useRemote, type Remote } from '../../../hooks/useRemote'
import { family, recharge, wallet } from '../../../services'

export interface CheckoutStart {
  balance: WalletBalance
  /** the store's recharge offer: its name, and the agreement version a recommendation is bought under */
  offer: RechargeOffer
  /** the family the member joined (its owner's balance can pay: payFrom 'family'); null when none or unknown */
  family: Extract<FamilyView, { role: 'member' }> | null
}

/**
 * What the checkout page needs before the first key: who pays (balance, tier) and at which store.
 * recharge.plans answers STORE_NOT_FOUND for a store the merchant does not have.
 */
export function useCheckoutStart(storeId: string | undefined): Remote<CheckoutStart> {
  return useRemote(async () => {
    // the family is an extra way to pay: when it cannot be read the member still pays from their own balance
    const [balance, offer, view] = await Promise.all([wallet.balance(), recharge.plans(storeId), family.list().catch(() => null)])
    return { balance, offer, family: view?.role === 'member' ? view : null }
  }, [storeId])
}
