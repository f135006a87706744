import { refundReleasePosting, refundSettlePosting, type HeldPart, type Posting } from '../../domain/ledger'
import { putBackIntoLots } from '../../domain/refunds'
import { isFinal, refundState, type PartEffect } from '../../domain/refunds'
import type { Db } from '../db/types'
import { COLLECTIONS as C } from '../db/indexes'
import type { TxLike } from '../db/tx'
import { fault } from '../faults'
import { incStoreAccounts } from '../ledger/store'
import type { MemberDoc, PayoutDoc, RefundDoc, StoredPart } from '../collections'
import { afterRechargeRefund } from '../members/refund-effects'

/** One part's move, decided by domain/refunds/state.ts movePart, to be written. */
export interface PartMove {
  index: number
  next: StoredPart
  effect: PartEffect
}

export const heldPart = (p: StoredPart): HeldPart => ({
  outRefundNo: p.outRefundNo,
  outTradeNo: p.outTradeNo,
  storeId: p.storeId,
  lotId: p.lotId,
  amount: p.amount,
  principal: p.principal,
  bonus: p.bonus,
  forfeited: p.forfeited
})

async function post(t: TxLike, _: Db['command'], posting: Posting, at: Date, faultPrefix: string): Promise<void> {
  await incStoreAccounts(t, _, posting.entries, at, faultPrefix)
  await t.collection(C.journal).add({ data: { _id: posting.id, ...posting, createdAt: at } })
}

/**
 * Writes parts' moves inside the caller's transaction, with the member document read in it:
 * - settle (SUCCESS, manual payout done): the settle posting (hold → store fund/promo/revenue),
 *   the hold falls; a settled recharge refund goes to the members hook (tier, coupons);
 * - release (ABNORMAL, CLOSED, rejected): the release posting, the held value back into the
 *   member's balance and into the lot it came from, principal to principal, bonus to bonus
 *   (E9); a part never sent or closed by WeChat Pay gives its payment's room back;
 * - send (approved): manual parts become payouts staff must make (wechat parts are sent by the
 *   caller after commit).
 * Then the parts, the refund's state and, once it has ended, the member's in-flight mark.
 * Each posting's id is keyed by its part, so a move can never post twice (the `add` fails).
 */
export async function writeMoves(t: TxLike, _: Db['command'], refund: RefundDoc, member: MemberDoc, moves: readonly PartMove[], at: Date): Promise<RefundDoc> {
  const parts = refund.parts.map((p) => ({ ...p }))
  for (const m of moves) parts[m.index] = m.next
  const settled = moves.filter((m) => m.effect === 'settle').map((m) => m.next)
  const released = moves.filter((m) => m.effect === 'release')
  const sent = moves.filter((m) => m.effect === 'send').map((m) => m.next)

  let held = 0
  let principal = 0
  let bonus = 0
  for (const [i, p] of settled.entries()) {
    await post(t, _, refundSettlePosting(refund._id, refund.openid, heldPart(p)), at, `refund:settle:${i}`)
    held += p.principal + p.bonus
  }
  for (const [i, m] of released.entries()) {
    const p = m.next
    await post(t, _, refundReleasePosting(refund._id, refund.openid, heldPart(p)), at, `refund:release:${i}`)
    held += p.principal + p.bonus
    principal += p.principal
    bonus += p.bonus
    const before = refund.parts[m.index].state
    // the payment's room: a part never sent (rejected) or closed by WeChat Pay no longer counts;
    // an ABNORMAL one still does (WeChat Pay owes it to the payer until it is paid another way)
    if (p.kind === 'wechat' && (p.state === 'closed' || (p.state === 'rejected' && before === 'awaiting_approval'))) {
      const room: Record<string, unknown> = { refunded: _.inc(-p.amount) }
      if (p.state === 'rejected') room.refundCount = _.inc(-1)
      await t.collection(C.orders).doc(p.outTradeNo).update({ data: room })
    }
    if (p.kind === 'manual' && before === 'processing') await t.collection(C.payouts).doc(p.outRefundNo).update({ data: { state: 'cancelled', doneAt: at } })
  }
  for (const p of sent) {
    if (p.kind !== 'manual') continue
    const payout: Omit<PayoutDoc, '_id'> = {
      refundId: refund._id,
      openid: refund.openid,
      storeId: p.storeId,
      outTradeNo: p.outTradeNo,
      amount: p.amount,
      reason: p.reason,
      state: 'due',
      reference: null,
      paidBy: null,
      createdAt: at,
      doneAt: null
    }
    await t.collection(C.payouts).add({ data: { _id: p.outRefundNo, ...payout } })
  }
  fault('refund:postings')

  const state = refundState(parts.map((p) => p.state))
  const ended = parts.every((p) => isFinal(p.state))
  const update: Record<string, unknown> = {}
  if (held) update.refundHeld = _.inc(-held)
  if (principal) update.principal = _.inc(principal)
  if (bonus) update.bonus = _.inc(bonus)
  if (released.length) update.lots = putBackIntoLots(member.lots, released.map((m) => m.next))
  if (settled.length) {
    const byOrder = new Map<string, number>()
    for (const p of settled) byOrder.set(p.outTradeNo, (byOrder.get(p.outTradeNo) ?? 0) + p.amount)
    Object.assign(update, await afterRechargeRefund(t, member, [...byOrder].map(([outTradeNo, amount]) => ({ outTradeNo, principal: amount })), at))
  }
  if (ended && member.refundInFlight === refund._id) update.refundInFlight = _.remove()
  if (Object.keys(update).length) await t.collection(C.members).doc(refund.openid).update({ data: update })
  fault('refund:member')

  const next: RefundDoc = { ...refund, parts, state, updatedAt: at }
  const { _id, ...fields } = next
  await t.collection(C.refunds).doc(_id).set({ data: fields })
  fault('refund:doc')
  return next
}
