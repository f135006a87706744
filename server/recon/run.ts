import { compareBill, type Difference } from '../../domain/reconciliation/compare'
import { parseTradeBill, type BillRow, type TradeBill } from '../../domain/reconciliation/tradebill'
import { fen } from '../../domain/money'
import type { ReconReportView, ReconTotals } from '../../contracts/funds'
import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import { isDuplicateKey } from '../db/transaction'
import type { OrderDoc } from '../collections'
import { AppError } from '../errors'
import { pay } from '../pay'
import { settlePaidOrder } from '../recharge/settle'
import { afterCredit } from '../recharge/after-credit'
import { PayError } from '../wechatpay'
import { applyWechatWord, fromAnswer } from '../refund/outcome'
import { requireBillDay } from './day'
import { creditedRechargesOfDay, isOurOrderNo, refundsOfDay, type CreditedRecharge } from './ledger-side'
import { diffId, reportId, type ReconDiffDoc, type ReconReportDoc } from './docs'
import { flaggedNote, NOTES } from './notes'
import { dayDifferences, reportView } from './report'

/**
 * Reconciliation of one Shanghai day with WeChat Pay (issue 11): download and check the day's
 * trade bill, list our credited recharges (and, once the refund engine posts them, refunds) of
 * the same day, compare (domain compareBill), then for each difference not yet recorded:
 *
 * - paid but not credited: ask WeChat Pay about the order (queryOrder) and, when it says SUCCESS,
 *   credit it through settlePaidOrder, the one crediting path a notification, a status poll and
 *   the sweeper use (idempotent: an order credited meanwhile is left as it is) → `repaired`;
 *   anything else (no such order of ours, not SUCCESS at query, a mismatch that sends the order
 *   to review) → `flagged`;
 * - every other difference → `flagged` for a person (ops.attention, the funds page).
 *
 * Resumable and bounded by count: a run looks at no more than `maxRepairs` new differences and
 * starts none once `keepGoing()` says stop; each is recorded once (`add` on its id), so the next
 * run (the timer's, or staff's reconRun) skips what is recorded and continues with the rest. A
 * bill whose rows do not add up to its summary is not acted on at all (`bill_incomplete`).
 */
export interface ReconLimits {
  maxRepairs: number
  keepGoing: () => boolean
}

export const RECON_MAX_REPAIRS = 50

export async function reconcileDay(day: string, limits: ReconLimits): Promise<ReconReportView> {
  const at = now()
  requireBillDay(day, at)
  const { client } = pay()
  let text: string | null
  try {
    text = await client.tradeBill(day)
  } catch (e) {
    if (e instanceof PayError) throw new AppError('PAYMENT_UNAVAILABLE', '暂时无法从微信支付下载账单，请稍后重新对账')
    throw e
  }
  // no bill = no trade that day (NO_STATEMENT_EXIST): an empty bill, and our side must be empty too
  const bill: TradeBill = text === null ? { rows: [], summary: null, complete: true } : parseTradeBill(text)
  const rows = bill.rows.filter((r) => isOurOrderNo(r.outTradeNo))
  let ours = await creditedRechargesOfDay(day)
  const refunds = await refundsOfDay(day)
  const recorded = new Map((await dayDifferences(day)).map((d) => [d._id, d]))

  let state: ReconReportDoc['state'] = 'done'
  if (!bill.complete) {
    state = 'bill_incomplete'
    await recordOnce(recorded, {
      ...base(day, 'bill_incomplete', '', at),
      amount: null,
      state: 'flagged',
      note: NOTES.billIncomplete,
      detail: `summary ${JSON.stringify(bill.summary)} does not match ${bill.rows.length} rows`,
      storeId: null
    })
  } else {
    const storeOf = new Map(ours.map((p) => [p.outTradeNo, p.storeId]))
    let looked = 0
    let repaired = false
    for (const d of compareBill(bill.rows, ours, refunds, { isOurs: isOurOrderNo })) {
      const id = diffId(day, d.kind, keyOf(d))
      if (recorded.has(id)) continue
      if (looked >= limits.maxRepairs || !limits.keepGoing()) {
        state = 'running'
        continue
      }
      looked++
      try {
        const doc = await resolve(day, d, storeOf.get(keyOf(d)) ?? null, at)
        repaired ||= doc.state === 'repaired'
        await recordOnce(recorded, doc)
      } catch (err) {
        // a network failure or a write conflict: nothing recorded, the next run tries again
        console.error('[chuzhi] reconciliation left a difference for the next run', day, d, err)
        state = 'running'
      }
    }
    // the report states the ledger as the repairs left it
    if (repaired) ours = await creditedRechargesOfDay(day)
  }

  const report: Omit<ReconReportDoc, '_id'> = {
    type: 'report',
    day,
    state,
    bill: billTotals(rows),
    ledger: ledgerTotals(ours, refunds),
    lastRunAt: at,
    createdAt: at
  }
  const ref = database().collection(C.recon).doc(reportId(day))
  const { data: before } = await ref.get()
  await ref.set({ data: { ...report, createdAt: (before as ReconReportDoc | null)?.createdAt ?? at } })
  return reportView(day, { _id: reportId(day), ...report }, [...recorded.values()])
}

function keyOf(d: Difference): string {
  switch (d.kind) {
    case 'paid_not_credited':
    case 'credited_not_paid':
    case 'payment_amount_differs':
    case 'transaction_id_differs':
      return d.outTradeNo
    case 'refunded_not_posted':
    case 'posted_not_refunded':
    case 'refund_amount_differs':
      return d.outRefundNo
    case 'duplicate_in_bill':
      return d.key
  }
}

function amountOf(d: Difference): number | null {
  if ('amount' in d) return d.amount
  if ('bill' in d && typeof d.bill === 'number') return d.bill
  return null
}

const base = (day: string, kind: ReconDiffDoc['kind'], key: string, at: Date) => ({
  _id: diffId(day, kind, key),
  type: 'difference' as const,
  day,
  kind,
  key,
  createdAt: at
})

/** What to do about one difference: repair a lost payment through the crediting path, flag the rest. */
async function resolve(day: string, d: Difference, storeId: string | null, at: Date): Promise<ReconDiffDoc> {
  const flagged = (note: string, detail: string, store = storeId): ReconDiffDoc => ({
    ...base(day, d.kind, keyOf(d), at),
    amount: amountOf(d),
    state: 'flagged',
    note,
    detail,
    storeId: store
  })
  if (d.kind === 'refunded_not_posted' && d.repairable) return repairRefund(flagged, d.outRefundNo)
  if (d.kind !== 'paid_not_credited') return flagged(flaggedNote(d), JSON.stringify(d))

  const { data } = await database().collection(C.orders).doc(d.outTradeNo).get()
  const order = data as OrderDoc | null
  if (!order) return flagged(NOTES.unknownOrder(d.amount), `paid transaction ${d.transactionId} names order ${d.outTradeNo}, which we do not have`, null)
  const { cfg, client } = pay()
  // the bill is not signed row by row: only WeChat Pay's signed answer about the order may credit it
  const tx = await client.queryOrder(d.outTradeNo)
  if (!tx || tx.trade_state !== 'SUCCESS') return flagged(NOTES.notPaidAtQuery, `query answered ${tx?.trade_state ?? 'no such order'}`, order.storeId)
  const outcome = await settlePaidOrder(tx, cfg)
  const repaired = (note: string): ReconDiffDoc => ({ ...flagged(note, `settle: ${outcome.kind}`, order.storeId), state: 'repaired' })
  switch (outcome.kind) {
    case 'credited':
      await afterCredit(order._id)
      return repaired(NOTES.repaired)
    case 'already_credited':
      return repaired(NOTES.creditedMeanwhile)
    case 'review':
      return flagged(NOTES.review, `review: ${outcome.reason}`, order.storeId)
    case 'unknown_order':
      return flagged(NOTES.unknownOrder(d.amount), 'settle: unknown_order', null)
    case 'not_paid':
      return flagged(NOTES.notPaidAtQuery, 'settle: not_paid', order.storeId)
  }
}

/**
 * A refund of ours still in flight that the bill shows refunded (its notification was lost): only
 * WeChat Pay's signed answer to a refund query may post it, through the path a notification takes
 * (posted once, keyed by out_refund_no).
 */
async function repairRefund(flagged: (note: string, detail: string, store?: string | null) => ReconDiffDoc, outRefundNo: string): Promise<ReconDiffDoc> {
  const { cfg, client } = pay()
  const answer = await client.queryRefund(outRefundNo)
  if (!answer || answer.status !== 'SUCCESS') return flagged(NOTES.refundNotConfirmed, `query answered ${answer?.status ?? 'no such refund'}`)
  const applied = await applyWechatWord(fromAnswer(answer), cfg.mchid)
  if (applied.kind !== 'applied') return flagged(NOTES.refundNotConfirmed, `apply: ${applied.kind}${applied.kind === 'mismatch' ? ` (${applied.reason})` : ''}`)
  const store = applied.refund.storeIds.length === 1 ? applied.refund.storeIds[0] : null
  return { ...flagged(NOTES.refundRepaired, `apply: ${applied.changed ? 'posted' : 'already posted'}`, store), state: 'repaired' }
}

/** Records a difference once: a concurrent run (timer and staff) that recorded it first wins, and its record is read back. */
async function recordOnce(recorded: Map<string, ReconDiffDoc>, doc: ReconDiffDoc): Promise<void> {
  if (recorded.has(doc._id)) return
  const coll = database().collection(C.recon)
  try {
    await coll.add({ data: { ...doc } })
    recorded.set(doc._id, doc)
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    const { data } = await coll.doc(doc._id).get()
    recorded.set(doc._id, (data as ReconDiffDoc | null) ?? doc)
  }
}

function billTotals(rows: readonly BillRow[]): ReconTotals {
  const paid = rows.filter((r) => r.tradeState === 'SUCCESS')
  const refunded = rows.filter((r) => r.tradeState === 'REFUND' && r.refundStatus === 'SUCCESS')
  return {
    payments: paid.length,
    paymentTotal: fen(paid.reduce((s, r) => s + r.orderTotal, 0)),
    refunds: refunded.length,
    refundTotal: fen(refunded.reduce((s, r) => s + r.refundApplied, 0))
  }
}

function ledgerTotals(payments: readonly CreditedRecharge[], refunds: ReadonlyArray<{ amount: number; state: string }>): ReconTotals {
  const posted = refunds.filter((r) => r.state === 'posted')
  return {
    payments: payments.length,
    paymentTotal: fen(payments.reduce((s, p) => s + p.amount, 0)),
    refunds: posted.length,
    refundTotal: fen(posted.reduce((s, r) => s + r.amount, 0))
  }
}
