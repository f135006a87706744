/**
 * What WeChat Pay (or staff, for a manual payout) says became of one part of a refund, applied
 * once: domain/refunds/state.ts `movePart` decides, server/refund/effects.ts writes the posting,
 * the member, the part and the refund in one transaction. A part that has ended ignores every
 * later word, so a notification delivered twice, a status poll and the sweeper are safe together.
 */
import { movePart, type PartEvent } from '../../domain/refunds'
import type { Refund, RefundNotice } from '../wechatpay'
import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import { transact, type TxLike } from '../db/tx'
import type { MemberDoc, RefundDoc, StoredPart } from '../collections'
import { refundIdOfOutRefundNo } from './ids'
import { writeMoves } from './effects'

/** What WeChat Pay said about one refund: a notification's resource, or a create/query answer. */
export interface WechatWord {
  mchid?: string
  out_trade_no: string
  out_refund_no: string
  refund_id: string
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL'
  refund: number
  /** RFC 3339, when WeChat Pay says the refund succeeded (the trade bill's day for it) */
  success_time?: string
}

export const fromNotice = (n: RefundNotice): WechatWord => ({ mchid: n.mchid, out_trade_no: n.out_trade_no, out_refund_no: n.out_refund_no, refund_id: n.refund_id, status: n.refund_status, refund: n.amount.refund, success_time: n.success_time })
export const fromAnswer = (r: Refund): WechatWord => ({ out_trade_no: r.out_trade_no, out_refund_no: r.out_refund_no, refund_id: r.refund_id, status: r.status, refund: r.amount.refund, success_time: r.success_time })

export type Applied =
  | { kind: 'unknown' }
  | { kind: 'mismatch'; reason: string; refund: RefundDoc }
  | { kind: 'applied'; refund: RefundDoc; changed: boolean }

/** Why WeChat Pay's word cannot be about our part: the amounts and ids come from our records. */
export function wordMismatch(part: StoredPart, w: WechatWord, mchid: string): string | null {
  if (part.kind !== 'wechat') return `out_refund_no ${part.outRefundNo} is a manual payout, not a WeChat Pay refund`
  if (w.mchid !== undefined && w.mchid !== mchid) return `mchid ${w.mchid} is not ours`
  if (w.out_trade_no !== part.outTradeNo) return `out_trade_no ${w.out_trade_no} is not the part's ${part.outTradeNo}`
  if (w.refund !== part.amount) return `refund amount ${w.refund} differs from the part's ${part.amount}`
  return null
}

async function findPart(t: TxLike, outRefundNo: string): Promise<{ refund: RefundDoc; index: number } | null> {
  const refundId = refundIdOfOutRefundNo(outRefundNo)
  if (!refundId) return null
  const { data: refund } = await t.collection(C.refunds).doc<RefundDoc>(refundId).get()
  const index = refund ? refund.parts.findIndex((p) => p.outRefundNo === outRefundNo) : -1
  return refund && index >= 0 ? { refund, index } : null
}

/**
 * Applies WeChat Pay's word on a part (PROCESSING only records that it was sent / checked).
 * `sent`: the word is createRefund's answer. Nothing changes when it does not match our part.
 */
export async function applyWechatWord(w: WechatWord, mchid: string, sent = false): Promise<Applied> {
  const db = database()
  return transact(db, async (t): Promise<Applied> => {
    const found = await findPart(t, w.out_refund_no)
    if (!found) return { kind: 'unknown' }
    const { refund, index } = found
    const part = refund.parts[index]
    const bad = wordMismatch(part, w, mchid)
    if (bad) return { kind: 'mismatch', reason: bad, refund }
    const at = now()
    const m = movePart(part.state, w.status as PartEvent)
    const next: StoredPart = { ...part, state: m.state, checkedAt: at, wechatRefundId: w.refund_id, lastError: null, ...(sent || part.sentAt ? { sentAt: part.sentAt ?? at } : {}) }
    if (m.effect) next.doneAt = at
    if (m.state === 'succeeded') next.successTime = w.success_time ? new Date(w.success_time) : at
    if (!m.effect && part.state !== 'processing') return { kind: 'applied', refund, changed: false }
    return { kind: 'applied', refund: await moveOne(t, refund, index, next, m.effect, at), changed: !!m.effect }
  })
}

/** Staff completed a manual payout with a bank or transfer reference. */
export async function completePayout(outRefundNo: string, reference: string, by: string): Promise<Applied> {
  const db = database()
  return transact(db, async (t): Promise<Applied> => {
    const found = await findPart(t, outRefundNo)
    if (!found || found.refund.parts[found.index].kind !== 'manual') return { kind: 'unknown' }
    const { refund, index } = found
    const part = refund.parts[index]
    const m = movePart(part.state, 'manual_paid')
    if (!m.effect) return { kind: 'applied', refund, changed: false }
    const at = now()
    const next: StoredPart = { ...part, state: m.state, doneAt: at, reference }
    await t.collection(C.payouts).doc(outRefundNo).update({ data: { state: 'paid', reference, paidBy: by, doneAt: at } })
    return { kind: 'applied', refund: await moveOne(t, refund, index, next, m.effect, at), changed: true }
  })
}

/** Records a failure sending or querying a part (retried later), unless it has moved meanwhile. */
export async function recordPartError(outRefundNo: string, error: string): Promise<void> {
  await transact(database(), async (t) => {
    const found = await findPart(t, outRefundNo)
    if (!found || found.refund.parts[found.index].state !== 'processing') return
    const parts = found.refund.parts.map((p, i) => (i === found.index ? { ...p, lastError: error.slice(0, 300), checkedAt: now() } : p))
    await t.collection(C.refunds).doc(found.refund._id).update({ data: { parts } })
  })
}

async function moveOne(t: TxLike, refund: RefundDoc, index: number, next: StoredPart, effect: ReturnType<typeof movePart>['effect'], at: Date): Promise<RefundDoc> {
  const { data: member } = await t.collection(C.members).doc<MemberDoc>(refund.openid).get()
  if (!member) throw new Error(`refund ${refund._id} has no member`)
  return writeMoves(t, database().command, refund, member, [{ index, next, effect }], at)
}
