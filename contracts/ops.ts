import { z } from 'zod'
import { defineContract } from './define'
import type { Attention } from './api'
import type { FundStatementResult, LiabilityView, ReconReportView } from './funds'

/** A shipping task's id: `ship:<out_trade_no>`. */
export const shippingId = z.string().regex(/^ship:[0-9A-Za-z_\-|*]{6,32}$/)

/** A Shanghai calendar date, 'YYYY-MM-DD' (the server checks it exists). */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日，请重新选择日期')
const storeId = z.string().min(1).max(64)

/** Cloud function `ops`: the staff desk (staff only, each for their own stores). */
export const opsEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('attention') }),
  z.strictObject({ action: z.literal('retryShipping'), id: shippingId }),
  // the fund account and reconciliation with WeChat Pay (issue 11; server/recon)
  z.strictObject({ action: z.literal('fundStatement'), storeId: storeId.optional(), from: localDate, to: localDate }),
  z.strictObject({ action: z.literal('liabilityReport') }),
  z.strictObject({ action: z.literal('reconRun'), date: localDate }),
  z.strictObject({ action: z.literal('reconReport'), date: localDate })
])

export interface OpsResults {
  attention: Attention
  retryShipping: { status: 'pending' | 'done' | 'failed' }
  fundStatement: FundStatementResult
  liabilityReport: LiabilityView
  reconRun: ReconReportView
  reconReport: ReconReportView
}

export const opsContract = defineContract<OpsResults>()('ops', opsEvent)
export type OpsEvent = z.input<typeof opsEvent>
