import type { WalletBalance } from '../../contracts/api'
import { wallet } from '../services'
import { useRemote, type Remote } from './useRemote'

/** The member's balance and tier, as the server has it. */
export function useBalance(): Remote<WalletBalance> {
  return useRemote(() => wallet.balance(), [])
}
