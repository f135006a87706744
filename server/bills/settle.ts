/**
 * A bill's WeChat Pay order reported paid (notification, status poll or sweeper, all through
 * settlePaidOrder, which dispatches here on the order's kind): both parts settle in the caller's
 * ONE transaction, once:
 * - the held balance part becomes a spend at the store (spendPosting from the hold: revenue per
 *   lot at its paid ratio, D4, the rest bonus redeemed), and the lots' `redeemed` grows;
 * - the WeChat Pay part is a sale: the store's sales cash (not the stored-value fund, see
 *   domain/ledger/bill.ts) against its revenue;
 * - the member earns points on the balance part (as checkout.pay does for a balance payment);
 * - the payment reads `paid`, the order `paid`, and its shipping upload is queued like a recharge's.
 * A replay finds the order paid and changes nothing; a payment for a bill closed meanwhile (its
 * hold given back) goes to review: the member is refunded, never charged twice.
 */
import { salePosting, spendPosting } from '../../domain/ledger'
import { fen } from '../../domain/money'
import type { PayConfig, Transaction } from '../wechatpay'
import { database } from '../cloud'
import { now } from '../clock'
import { fault } from '../faults'
import { COLLECTIONS as C } from '../db/indexes'
import type { TxLike } from '../db/tx'
import { incStoreAccounts, storeAccountShards } from '../ledger/store'
import type { MemberDoc, OrderDoc, PaymentDoc } from '../collections'
import { lotDraws, withLotFacts } from '../checkout/lots'
import { mismatch, queueShipping, type SettleOutcome } from '../recharge/settle'
import { settledLots } from './lots'
import { pointsFor } from '../../domain/members'
import { perYuanOf, pointsId } from '../members/points'
import { SETTINGS_ID, type MerchantSettings } from '../merchant'

export async function settleBillOrder(t: TxLike, order: OrderDoc, tx: Transaction, cfg: Pick<PayConfig, 'mchid' | 'appid'>): Promise<SettleOutcome> {
  const _ = database().command
  if (order.status === 'paid') return { kind: 'already_credited', order }
  if (tx.trade_state !== 'SUCCESS') return { kind: 'not_paid', order }
  const at = now()
  const orderRef = t.collection(C.orders).doc<OrderDoc>(order._id)
  const toReview = async (reason: string): Promise<SettleOutcome> => {
    if (order.status === 'review') return { kind: 'review', order, reason: order.reviewReason }
    const review = { status: 'review' as const, reviewReason: reason, reviewAt: at, transactionId: tx.transaction_id ?? null }
    await orderRef.update({ data: review })
    return { kind: 'review', order: { ...order, ...review }, reason }
  }
  const bad = order.status === 'pending' ? mismatch(order, tx, cfg) : `payment arrived for a ${order.status} bill: its balance part was given back, refund this WeChat Pay part`
  if (bad) return toReview(bad)
  fault('bill:start')
  const paymentId = order.paymentId as string
  const transactionId = tx.transaction_id as string
  const paidAt = tx.success_time ? new Date(tx.success_time) : at
  const paymentRef = t.collection(C.payments).doc<PaymentDoc>(paymentId)
  const { data: payment } = await paymentRef.get()
  if (!payment) return toReview(`the bill's payment ${paymentId} is missing`)
  const memberRef = t.collection(C.members).doc<MemberDoc>(order.openid)
  const { data: member } = await memberRef.get()
  const hold = member?.spendHolds?.[paymentId]
  let journalId = payment.journalId
  let pointsEarned = 0
  if (member && hold) {
    const lots = await withLotFacts(t, member.lots)
    const posting = spendPosting({ paymentId, requestId: payment.requestId, openid: order.openid, storeId: order.storeId, draws: lotDraws(lots, hold.draws.map((d) => ({ lotId: d.lotId, principal: fen(d.principal), bonus: fen(d.bonus) }))), shards: storeAccountShards(), fromHold: true })
    // points follow what the balance paid, as for any balance payment, once it is really spent
    const { data: settings } = await t.collection(C.settings).doc<MerchantSettings>(SETTINGS_ID).get()
    pointsEarned = pointsFor(fen(hold.principal + hold.bonus), perYuanOf(settings), member.pointsBoost, at)
    const update: Record<string, unknown> = { spendHeld: _.inc(-(hold.principal + hold.bonus)), lots: settledLots(lots, hold.draws), [`spendHolds.${paymentId}`]: _.remove() }
    if (pointsEarned > 0) update.points = _.inc(pointsEarned)
    await memberRef.update({ data: update })
    fault('bill:member')
    if (pointsEarned > 0) await t.collection(C.points).add({ data: { _id: pointsId(paymentId), openid: order.openid, delta: pointsEarned, reason: `${payment.storeName} 消费`, paymentId, createdAt: at } })
    await incStoreAccounts(t, _, posting.entries, at, 'bill:spend')
    await t.collection(C.journal).add({ data: { _id: posting.id, ...posting, createdAt: at } })
    journalId = posting.id
    fault('bill:spend')
  }
  const sale = salePosting({ outTradeNo: order._id, transactionId, paymentId, storeId: order.storeId, amount: fen(order.pay), shards: storeAccountShards() })
  await incStoreAccounts(t, _, sale.entries, at, 'bill:sale')
  await t.collection(C.journal).add({ data: { _id: sale.id, ...sale, createdAt: at } })
  fault('bill:journal')
  await paymentRef.update({ data: { state: 'paid', paidAt, journalId, pointsEarned, 'wechat.transactionId': transactionId } })
  fault('bill:payment')
  await queueShipping(t, order, transactionId, at)
  const paid = { status: 'paid' as const, transactionId, paidAt, creditedAt: at, journalId: sale.id }
  await orderRef.update({ data: paid })
  fault('bill:order')
  return { kind: 'credited', order: { ...order, ...paid } }
}
