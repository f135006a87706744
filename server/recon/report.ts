import { fen } from '../../domain/money'
import type { ReconDifferenceView, ReconReportView, ReconTotals } from '../../contracts/funds'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { AppError } from '../errors'
import { scopeOf, worksAt, type StaffDoc } from '../staff'
import { reportId, type ReconDiffDoc, type ReconReportDoc } from './docs'

const NONE: ReconTotals = { payments: 0, paymentTotal: fen(0), refunds: 0, refundTotal: fen(0) }

export function differenceView(d: ReconDiffDoc): ReconDifferenceView {
  return {
    id: d._id,
    day: d.day,
    kind: d.kind,
    key: d.key,
    amount: d.amount === null ? null : fen(d.amount),
    state: d.state,
    note: d.note,
    storeId: d.storeId,
    at: new Date(d.createdAt).toISOString()
  }
}

/** A day's report as staff read it: flagged first, then repaired, each oldest first. */
export function reportView(day: string, report: ReconReportDoc | null, diffs: readonly ReconDiffDoc[]): ReconReportView {
  const sorted = [...diffs].sort((a, b) => (a.state === b.state ? a._id.localeCompare(b._id) : a.state === 'flagged' ? -1 : 1))
  return {
    day,
    state: report?.state ?? 'not_run',
    bill: report?.bill ?? NONE,
    ledger: report?.ledger ?? NONE,
    repaired: diffs.filter((d) => d.state === 'repaired').length,
    flagged: diffs.filter((d) => d.state === 'flagged').length,
    differences: sorted.map(differenceView),
    lastRunAt: report ? new Date(report.lastRunAt).toISOString() : null
  }
}

/** ops.reconReport: what the day's reconciliation found (not_run when it has not run). HQ only: the bill is the merchant's. */
export async function readReconReport(day: string): Promise<ReconReportView> {
  const db = database()
  const { data: report } = await db.collection(C.recon).doc(reportId(day)).get()
  return reportView(day, (report as ReconReportDoc | null) ?? null, await dayDifferences(day))
}

/** Every difference recorded for the day, in pages of 100. */
export async function dayDifferences(day: string): Promise<ReconDiffDoc[]> {
  const db = database()
  const out: ReconDiffDoc[] = []
  for (let skip = 0; ; skip += 100) {
    const { data } = await db.collection(C.recon).where({ day, type: 'difference' }).orderBy('_id', 'asc').skip(skip).limit(100).get()
    out.push(...(data as ReconDiffDoc[]))
    if (data.length < 100) return out
  }
}

/** Flagged differences for ops.attention, newest first: a store's to its staff, the rest (no order of ours) to HQ. */
export async function flaggedDifferences(staff: StaffDoc): Promise<ReconDifferenceView[]> {
  const { data } = await database().collection(C.recon).where({ state: 'flagged' }).orderBy('createdAt', 'desc').limit(50).get()
  return (data as ReconDiffDoc[]).filter((d) => (d.storeId === null ? scopeOf(staff) === 'all' : worksAt(staff, d.storeId))).map(differenceView)
}

/** Reconciliation reads the merchant's whole bill: headquarters only (stores 'all'). */
export function requireHeadquarters(staff: StaffDoc): void {
  if (scopeOf(staff) !== 'all') throw new AppError('FORBIDDEN', '对账仅限总部管理员操作')
}
