import type { Fen } from './money'
import type { FundStatement } from '../domain/ledger/statement'

/**
 * What the staff desk reads about the stored-value fund (issue 11 "储值资金账户" and
 * "Reconciliation with WeChat Pay"): the ops actions fundStatement, liabilityReport, reconRun and
 * reconReport. Amounts are integer fen; dates are Shanghai calendar dates ('YYYY-MM-DD').
 */

/**
 * One store's fund account (or the merchant's, storeId null) over [from 00:00, to + 1 day 00:00):
 * the domain's figures (domain/ledger/statement.ts `FundStatement`: closing = opening + recharges −
 * refunds + other; spending and revenue beside the cash lines) with the store's name, or 全部门店.
 */
export type FundStatementView = Omit<FundStatement, 'from' | 'to'> & { storeName: string }

export interface FundStatementResult {
  from: string
  to: string
  /** the store asked for; or every store then the merchant total (storeId null) */
  statements: FundStatementView[]
}

export type LiabilityAlertView =
  | { kind: 'over_revenue_ratio'; principal: Fen; limit: Fen; message: string }
  | { kind: 'custody_short'; required: Fen; held: Fen; message: string }
  | { kind: 'balance_warning'; principal: Fen; level: Fen; message: string }

export interface LiabilityView {
  asOf: string
  principalOutstanding: Fen
  bonusOutstanding: Fen
  heldForRefunds: Fen
  /** revenue recognised on spending since `revenueFrom` (1 January, Shanghai, of asOf's year) */
  revenueRecognised: Fen
  revenueFrom: string
  dormant: { members: number; principal: Fen; bonus: Fen; days: number }
  custodyRequired: Fen | null
  alerts: LiabilityAlertView[]
}

/** What compareBill found, plus a bill that does not add up (the day is then left to a person). */
export type ReconDifferenceKind =
  | 'paid_not_credited'
  | 'credited_not_paid'
  | 'payment_amount_differs'
  | 'transaction_id_differs'
  | 'refunded_not_posted'
  | 'posted_not_refunded'
  | 'refund_amount_differs'
  | 'duplicate_in_bill'
  | 'bill_incomplete'

export interface ReconDifferenceView {
  id: string
  day: string
  kind: ReconDifferenceKind
  /** out_trade_no or out_refund_no the difference is about ('' for the whole bill) */
  key: string
  /** WeChat Pay's side, when the difference has an amount */
  amount: Fen | null
  /** repaired through the crediting path (idempotent), or flagged for a person */
  state: 'repaired' | 'flagged'
  /** for staff, in Chinese: what differs and what was done or is to be done */
  note: string
  storeId: string | null
  at: string
}

export interface ReconTotals {
  payments: number
  paymentTotal: Fen
  refunds: number
  refundTotal: Fen
}

export interface ReconReportView {
  day: string
  /** not_run: no reconciliation of the day yet; running: differences still to look at (next run continues) */
  state: 'not_run' | 'running' | 'done' | 'bill_incomplete'
  /** WeChat Pay's trade bill (our recharges only) and our ledger, for the same Shanghai day */
  bill: ReconTotals
  ledger: ReconTotals
  repaired: number
  flagged: number
  differences: ReconDifferenceView[]
  lastRunAt: string | null
}
