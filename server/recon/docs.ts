import type { ReconDifferenceKind, ReconReportView, ReconTotals } from '../../contracts/funds'

/**
 * The `recon` collection: one report per reconciled day (`report:<day>`) and one document per
 * difference found (`diff:<day>:<kind>:<key>`, written once with `add`, so however often a day is
 * run a difference is recorded, and repaired, once).
 */
export interface ReconReportDoc {
  _id: string
  type: 'report'
  day: string
  state: Exclude<ReconReportView['state'], 'not_run'>
  bill: ReconTotals
  ledger: ReconTotals
  lastRunAt: Date
  createdAt: Date
}

export interface ReconDiffDoc {
  _id: string
  type: 'difference'
  day: string
  kind: ReconDifferenceKind
  key: string
  amount: number | null
  state: 'repaired' | 'flagged'
  /** for staff, Chinese */
  note: string
  /** for developers: the difference as compareBill found it and what the repair answered */
  detail: string
  /** the order's store when we have the order; null = headquarters */
  storeId: string | null
  createdAt: Date
}

export const reportId = (day: string) => `report:${day}`
export const diffId = (day: string, kind: ReconDifferenceKind, key: string) => `diff:${day}:${kind}:${key}`
