/**
 * The staff side of refunds (ops actions, contracts/ops.ts): start one for a member, approve or
 * reject one waiting for approval, record a manual payout as made. Every action checks the
 * refund's stores against the staff member's (requireStore) and, for approval, the merchant's
 * cashier limit (settings.refund.cashierApproveMax; store managers and HQ have none).
 * Role checks move into server/permissions.ts when the staff work merges.
 */
import type { StaffRefundView } from '../../contracts/ops'
import { fen } from '../../domain/money'
import { movePart, REFUND_GUIDANCE } from '../../domain/refunds'
import { database } from '../cloud'
import { now } from '../clock'
import { AppError } from '../errors'
import { COLLECTIONS as C } from '../db/indexes'
import { transact } from '../db/tx'
import { loadSettings, refundSettingsOf } from '../merchant'
import { requireStore, type StaffDoc } from '../staff'
import { assertMayApprove } from '../permissions'
import type { MemberDoc, RefundDoc } from '../collections'
import { readRefund, requestRefund } from './member'
import { completePayout } from './outcome'
import { sendDueParts } from './send'
import { writeMoves, type PartMove } from './effects'
import { refundView } from './view'

export function staffRefundView(r: RefundDoc): StaffRefundView {
  const v = refundView(r)
  return {
    ...v,
    openid: r.openid,
    reason: r.reason,
    bonusForfeited: fen(r.bonusForfeited),
    withinCoolingOff: r.withinCoolingOff,
    approval: r.approval,
    storeIds: r.storeIds,
    staffGuidance: REFUND_GUIDANCE[r.state].staff,
    rejectReason: r.rejectReason,
    parts: r.parts.map((p, i) => ({
      ...v.parts[i],
      outRefundNo: p.outRefundNo,
      wechatRefundId: p.wechatRefundId,
      manualReason: p.kind === 'manual' ? p.reason : null,
      reference: p.reference ?? null,
      lastError: p.lastError
    }))
  }
}

const requireStores = (staff: StaffDoc, storeIds: readonly string[]) => storeIds.forEach((id) => requireStore(staff, id))

/** Whether this staff member may let a refund of `amount` fen go out. */
async function requireApprover(staff: StaffDoc, amount: number): Promise<void> {
  // the one rule for approval limits (server/permissions.ts), with this merchant's refund settings
  if (staff.role === 'cashier') assertMayApprove(staff.role, amount, { refund: refundSettingsOf(await loadSettings()) })
}

async function refundFor(staff: StaffDoc, refundId: string): Promise<RefundDoc> {
  const r = await readRefund(refundId)
  if (!r) throw new AppError('NOT_FOUND', '没有找到这笔退款，请刷新后重试')
  requireStores(staff, r.storeIds)
  return r
}

/** ops.refundStart: staff ask for a member's refund at the counter; one they may approve goes out at once. */
export async function staffStartRefund(staff: StaffDoc, openid: string, requestId: string, reason: string): Promise<StaffRefundView> {
  const doc = await requestRefund(openid, requestId, reason, staff._id, (storeIds) => requireStores(staff, storeIds))
  if (doc.state !== 'pending_approval') return staffRefundView(doc)
  const may = await requireApprover(staff, doc.amount).then(
    () => true,
    () => false
  )
  return may ? staffDecide(staff, doc._id, 'approve') : staffRefundView(doc)
}

/**
 * ops.refundApprove / refundReject: every part moves at once (domain movePart); approved WeChat
 * parts are sent after the commit, manual ones become payouts; a rejection gives the held value
 * back. Deciding again the same way answers the refund as it is; the other way is refused.
 */
export async function staffDecide(staff: StaffDoc, refundId: string, decision: 'approve' | 'reject', reason = ''): Promise<StaffRefundView> {
  const before = await refundFor(staff, refundId)
  if (decision === 'approve') await requireApprover(staff, before.amount)
  const db = database()
  const doc = await transact(db, async (t): Promise<RefundDoc> => {
    const { data: refund } = await t.collection(C.refunds).doc<RefundDoc>(refundId).get()
    if (!refund) throw new AppError('NOT_FOUND', '没有找到这笔退款，请刷新后重试')
    if (refund.state !== 'pending_approval') {
      const same = decision === 'approve' ? refund.decidedBy && refund.state !== 'rejected' : refund.state === 'rejected'
      if (same) return refund
      throw new AppError('REFUND_NOT_PENDING', '这笔退款已处理，请刷新后查看')
    }
    const at = now()
    const moves: PartMove[] = refund.parts.map((p, index) => {
      const m = movePart(p.state, decision)
      return { index, effect: m.effect, next: { ...p, state: m.state, ...(m.effect === 'release' ? { doneAt: at } : {}) } }
    })
    const { data: member } = await t.collection(C.members).doc<MemberDoc>(refund.openid).get()
    if (!member) throw new Error(`refund ${refundId} has no member`)
    const decided: RefundDoc = { ...refund, decidedBy: staff._id, rejectReason: decision === 'reject' ? reason : null, checkedAt: at }
    return writeMoves(t, db.command, decided, member, moves, at)
  })
  if (decision === 'approve' && doc.state === 'processing' && (await sendDueParts(doc)) > 0) return staffRefundView((await readRefund(refundId)) ?? doc)
  return staffRefundView(doc)
}

/** ops.payoutComplete: staff paid a manual part to the member's own account; `reference` is the transfer's. */
export async function staffCompletePayout(staff: StaffDoc, refundId: string, outRefundNo: string, reference: string): Promise<StaffRefundView> {
  const r = await refundFor(staff, refundId)
  const part = r.parts.find((p) => p.outRefundNo === outRefundNo)
  if (!part || part.kind !== 'manual') throw new AppError('NOT_FOUND', '这笔退款没有这条线下转账，请刷新后重试')
  if (part.state !== 'processing' && part.state !== 'succeeded') throw new AppError('REFUND_NOT_PENDING', '这条线下转账不在待转账状态，请刷新后查看')
  const done = await completePayout(outRefundNo, reference, staff._id)
  return staffRefundView(done.kind === 'applied' ? done.refund : r)
}
