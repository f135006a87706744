/** The member's side of the `refund` function (contracts/refund.ts): request, status, list. */
import type { RefundView } from '../../contracts/refund'
import { database } from '../cloud'
import { AppError } from '../errors'
import { COLLECTIONS as C } from '../db/indexes'
import type { RefundDoc } from '../collections'
import { createRefund } from './request'
import { catchUp, sendDueParts } from './send'
import { refundView } from './view'

export async function readRefund(refundId: string): Promise<RefundDoc | null> {
  return ((await database().collection(C.refunds).doc(refundId).get()).data as RefundDoc | null) ?? null
}

/** Asks for a refund of everything refundable (or answers the one in flight), and sends it when it needs no approval. */
export async function requestRefund(openid: string, requestId: string, reason = '', startedBy = 'member', guard?: (storeIds: string[]) => void): Promise<RefundDoc> {
  const doc = await createRefund(openid, requestId, reason, startedBy, guard)
  // after the commit, before the answer: WeChat Pay learns of the refund now, not "later"
  if (doc.state === 'processing' && (await sendDueParts(doc)) > 0) return (await readRefund(doc._id)) ?? doc
  return doc
}

/** A refund of the caller's, brought up to date with WeChat Pay when a part has waited over a minute. Anyone else's reads as missing. */
export async function refundStatus(openid: string, refundId: string): Promise<RefundView> {
  const doc = await readRefund(refundId)
  if (!doc || doc.openid !== openid) throw new AppError('NOT_FOUND', '没有找到这笔退款')
  if (doc.state === 'processing' && (await catchUp(doc)) > 0) return refundView((await readRefund(refundId)) ?? doc)
  return refundView(doc)
}

/** The caller's refunds, newest first (the wallet page). */
export async function listRefunds(openid: string): Promise<{ refunds: RefundView[] }> {
  const { data } = await database().collection(C.refunds).where({ openid }).orderBy('createdAt', 'desc').limit(20).get()
  return { refunds: (data as RefundDoc[]).map(refundView) }
}
