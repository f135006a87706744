import type { OpsResults, StoreCode } from '../../../../../contracts/ops'
import { useRemote, type Remote } from '../../../../hooks/useRemote'
import { ops } from '../../../../services'

/** The stores this staff member works at. */
export function useStaffStores(): Remote<OpsResults['stores']> {
  return useRemote(() => ops.stores(), [])
}

/** The chosen store's checkout code; nothing is asked before a store is chosen. */
export function useStoreCode(storeId: string | null): Remote<StoreCode | null> {
  return useRemote(async () => (storeId ? ops.storeCode(storeId) : null), [storeId])
}
