/**
 * refund.quote and refund.request: what a member's refund would pay, and asking for it.
 *
 * One transaction reads the member, their lots and the payments behind them, and writes the
 * refund document, the hold posting (member principal/bonus → refund hold, docs/refunds.md),
 * the lots and the payments' room. The refund's id comes from the member and the request id,
 * so a retry or a double tap finds the refund the first one wrote; a member with a refund still
 * in flight gets that one back instead of a second (the member document's `refundInFlight`, read
 * and written in the same transaction, so ten requests at once hold once). Sending to WeChat Pay
 * happens after the commit (server/refund/send.ts), awaited before the function answers.
 */
import type { RefundQuoteView } from '../../contracts/refund'
import { refundHoldPosting } from '../../domain/ledger'
import { fen } from '../../domain/money'
import { allocateRefund, quoteRefund, takeFromLots, isFinal } from '../../domain/refunds'
import { database } from '../cloud'
import { now } from '../clock'
import { AppError } from '../errors'
import { fault } from '../faults'
import { COLLECTIONS as C } from '../db/indexes'
import { transact, type TxLike } from '../db/tx'
import { SETTINGS_ID, refundSettingsOf, type MerchantSettings } from '../merchant'
import type { MemberDoc, PayoutDoc, RefundDoc, StoredPart } from '../collections'
import { refundIdOf } from './ids'
import { refundableLots } from './lots'
import { heldPart } from './effects'

const PREVIEW_ID = `rf${'0'.repeat(28)}`

async function settings(t: TxLike): Promise<MerchantSettings | null> {
  return (await t.collection(C.settings).doc<MerchantSettings>(SETTINGS_ID).get()).data
}

/** What a refund asked for now would pay (read only). */
export async function quoteMemberRefund(openid: string): Promise<RefundQuoteView> {
  const db = database() as unknown as TxLike
  const at = now()
  const policy = refundSettingsOf(await settings(db))
  const member = (await db.collection(C.members).doc<MemberDoc>(openid).get()).data
  const { lots, payments } = await refundableLots(db, member)
  const q = quoteRefund(lots, at, policy)
  const parts = q.refundable > 0 ? allocateRefund(PREVIEW_ID, q.lots, payments, at) : []
  return {
    refundable: q.refundable,
    bonusForfeited: q.bonusForfeited,
    withinCoolingOff: q.withinCoolingOff,
    coolingOffDays: policy.coolingOffDays,
    approval: q.approval,
    parts: parts.map((p) => ({ outTradeNo: p.outTradeNo, amount: p.amount }))
  }
}

/**
 * Writes the refund (or finds the one this request, or the member's refund in flight, already
 * wrote). `startedBy` is 'member' or a staff openid (ops.refundStart). Returns the document.
 */
export async function createRefund(
  openid: string,
  requestId: string,
  reason: string,
  startedBy = 'member',
  /** staff: refuses (throws) a refund of stores not theirs, before anything is written */
  guard: (storeIds: string[]) => void = () => undefined
): Promise<RefundDoc> {
  const refundId = refundIdOf(openid, requestId)
  const db = database()
  const _ = db.command
  return transact(db, async (t: TxLike): Promise<RefundDoc> => {
    const ref = t.collection(C.refunds).doc<RefundDoc>(refundId)
    const { data: done } = await ref.get()
    if (done) return done
    const memberRef = t.collection(C.members).doc<MemberDoc>(openid)
    const { data: member } = await memberRef.get()
    if (member?.refundInFlight) {
      const { data: inFlight } = await t.collection(C.refunds).doc<RefundDoc>(member.refundInFlight).get()
      if (inFlight && !inFlight.parts.every((p) => isFinal(p.state))) {
        guard(inFlight.storeIds)
        return inFlight
      }
    }
    const at = now()
    const policy = refundSettingsOf(await settings(t))
    const { lots, payments } = await refundableLots(t, member)
    const q = quoteRefund(lots, at, policy)
    if (!member || q.refundable === 0) throw new AppError('NOTHING_TO_REFUND', '当前没有可退的储值本金：赠送金额不退现金，已消费的部分不退')
    guard([...new Set(q.lots.map((l) => l.storeId))])
    fault('refund:start')
    const state = q.approval === 'auto' ? 'processing' : 'awaiting_approval'
    const parts: StoredPart[] = allocateRefund(refundId, q.lots, payments, at).map((p) => ({
      ...p,
      state,
      sentAt: null,
      checkedAt: null,
      wechatRefundId: null,
      lastError: null,
      doneAt: null
    }))
    const hold = refundHoldPosting(refundId, openid, parts.map(heldPart))
    const p = parts.reduce((s, x) => s + x.principal, 0)
    const b = parts.reduce((s, x) => s + x.bonus, 0)
    await memberRef.update({
      data: { principal: _.inc(-p), bonus: _.inc(-b), refundHeld: _.inc(p + b), lots: takeFromLots(member.lots, parts), refundInFlight: refundId }
    })
    fault('refund:member')
    await t.collection(C.journal).add({ data: { _id: hold.id, ...hold, createdAt: at } })
    // the payment's room and refund count are taken now, so a second refund can never ask for more
    for (const x of parts) {
      if (x.kind === 'wechat') await t.collection(C.orders).doc(x.outTradeNo).update({ data: { refunded: _.inc(x.amount), refundCount: _.inc(1), lastRefundAt: at } })
      else if (state === 'processing') {
        const payout: Omit<PayoutDoc, '_id'> = { refundId, openid, storeId: x.storeId, outTradeNo: x.outTradeNo, amount: x.amount, reason: x.reason, state: 'due', reference: null, paidBy: null, createdAt: at, doneAt: null }
        await t.collection(C.payouts).add({ data: { _id: x.outRefundNo, ...payout } })
      }
    }
    const doc: RefundDoc = {
      _id: refundId,
      openid,
      requestId,
      reason,
      state: state === 'processing' ? 'processing' : 'pending_approval',
      amount: q.refundable,
      bonusForfeited: fen(q.bonusForfeited),
      withinCoolingOff: q.withinCoolingOff,
      approval: q.approval,
      parts,
      storeIds: [...new Set(parts.map((x) => x.storeId))],
      startedBy,
      decidedBy: null,
      rejectReason: null,
      checkedAt: at,
      createdAt: at,
      updatedAt: at
    }
    const { _id, ...fields } = doc
    await t.collection(C.refunds).add({ data: { _id, ...fields } })
    fault('refund:doc')
    return doc
  })
}
