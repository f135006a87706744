/**
 * An order that closes unpaid gives back what it held for a bill, in the closing transaction
 * (server/recharge/close.ts, and a JSAPI order that could not be placed):
 * - a mixed payment's hold: principal to principal and bonus to bonus of the same lots, by the
 *   release posting (domain/ledger/bill.ts); the payment reads `closed`;
 * - a free bill's budget and member-limit holds (server/bills/free.ts).
 */
import { spendReleasePosting } from '../../domain/ledger'
import { fen } from '../../domain/money'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import type { TxLike } from '../db/tx'
import type { MemberDoc, OrderDoc, PaymentDoc } from '../collections'
import { withLotFacts } from '../checkout/lots'
import { fault } from '../faults'
import { releasedLots } from './lots'
import { releaseFreeBill } from './free'

export async function releaseBillHolds(t: TxLike, order: OrderDoc, at: Date): Promise<void> {
  if (order.bill?.freeBill) await releaseFreeBill(t, order, at)
  if (order.kind !== 'bill' || !order.paymentId) return
  const _ = database().command
  const paymentId = order.paymentId
  const memberRef = t.collection(C.members).doc<MemberDoc>(order.openid)
  const { data: member } = await memberRef.get()
  const hold = member?.spendHolds?.[paymentId]
  const paymentRef = t.collection(C.payments).doc<PaymentDoc>(paymentId)
  const { data: payment } = await paymentRef.get()
  if (member && hold) {
    const posting = spendReleasePosting({ paymentId, requestId: payment?.requestId ?? '', openid: order.openid, storeId: hold.storeId, principal: fen(hold.principal), bonus: fen(hold.bonus) })
    const lots = await withLotFacts(t, member.lots)
    await memberRef.update({
      data: {
        principal: _.inc(hold.principal),
        bonus: _.inc(hold.bonus),
        spendHeld: _.inc(-(hold.principal + hold.bonus)),
        lots: releasedLots(lots, hold.draws),
        [`spendHolds.${paymentId}`]: _.remove()
      }
    })
    fault('release:member')
    await t.collection(C.journal).add({ data: { _id: posting.id, ...posting, createdAt: at } })
  }
  if (payment?.state !== 'awaiting_wechat_pay') return
  // the coupon the bill used goes back to the wallet with the balance
  if (payment.couponId) await t.collection(C.coupons).doc(payment.couponId).update({ data: { usedAt: null, paymentId: null } })
  await paymentRef.update({ data: { state: 'closed', closedAt: at } })
}
