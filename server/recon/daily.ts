import { now } from '../clock'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { billReadyAt, previousDay } from './day'
import { reportId, type ReconReportDoc } from './docs'
import { reconcileDay, RECON_MAX_REPAIRS, type ReconLimits } from './run'

/**
 * The daily reconciliation, on cron's `recon` timer trigger (cloudbaserc.json: every 10 minutes
 * from 10:00 to 13:59). Each run reconciles yesterday (Shanghai) once its bill is available
 * (10:00), continuing where the last run stopped, and does nothing once the day is done: one
 * read. A run gets the whole function (cron's 60 s timeout): it starts no new difference after
 * RECON_BUDGET_MS, and one difference takes at most a WeChat Pay query (10 s) and a crediting.
 */
export const RECON_BUDGET_MS = 35_000
/** ops.reconRun runs in ops (20 s timeout), after a bill download of up to 10 s */
export const OPS_RECON_BUDGET_MS = 5_000

export function defaultReconLimits(startedAt = Date.now(), budgetMs = RECON_BUDGET_MS): ReconLimits {
  return { maxRepairs: RECON_MAX_REPAIRS, keepGoing: () => Date.now() - startedAt < budgetMs }
}

export type DailyRecon = { day: string; ran: false; why: 'not_ready' | 'done' } | { day: string; ran: true; state: ReconReportDoc['state']; flagged: number; repaired: number }

export async function reconcileYesterday(limits: ReconLimits = defaultReconLimits()): Promise<DailyRecon> {
  const at = now()
  const day = previousDay(at)
  if (at.getTime() < billReadyAt(day).getTime()) return { day, ran: false, why: 'not_ready' }
  const { data } = await database().collection(C.recon).doc(reportId(day)).get()
  const state = (data as ReconReportDoc | null)?.state
  // an incomplete bill is left to a person (reconRun), not downloaded again every 10 minutes
  if (state === 'done' || state === 'bill_incomplete') return { day, ran: false, why: 'done' }
  const report = await reconcileDay(day, limits)
  return { day, ran: true, state: report.state === 'not_run' ? 'running' : report.state, flagged: report.flagged, repaired: report.repaired }
}
