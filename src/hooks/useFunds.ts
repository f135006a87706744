import type { FundStatementResult, LiabilityView, ReconReportView } from '../../contracts/funds'
import { ops } from '../services'
import { useRemote, type Remote } from './useRemote'

/** The fund account for [from, to]: one store's, or (no store) every store's and the merchant's. */
export function useFundStatement(from: string, to: string, storeId: string | null): Remote<FundStatementResult> {
  return useRemote(() => ops.fundStatement(from, to, storeId ?? undefined), [from, to, storeId])
}

export function useLiability(): Remote<LiabilityView> {
  return useRemote(() => ops.liabilityReport(), [])
}

export function useReconReport(day: string): Remote<ReconReportView> {
  return useRemote(() => ops.reconReport(day), [day])
}
