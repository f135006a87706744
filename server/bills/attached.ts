/**
 * A recommendation accepted at checkout: recharge.create with `bill` writes the bill on the order,
 * and the crediting transaction (server/recharge/settle.ts) pays it from the new balance with the
 * same function checkout.pay uses (`payInTransaction`: domain payBill, the one price), writing the
 * payment doc. The recharge is never lost to the bill: a bill that cannot be paid at credit time
 * (a coupon used meanwhile, say) leaves the recharge credited and the order's `billPaymentId` null
 * with the reason in `billFailure`. 充值免单 bills are given by server/bills/free.ts instead.
 */
import { priceBill } from '../../domain/checkout'
import { fen, type Fen } from '../../domain/money'
import { database } from '../cloud'
import { AppError } from '../errors'
import { COLLECTIONS as C } from '../db/indexes'
import type { TxLike } from '../db/tx'
import { SETTINGS_ID, loadStore, type MerchantSettings } from '../merchant'
import type { AttachedBill, OrderDoc, PaymentDoc, StoredTier } from '../collections'
import { pricingTier } from '../members/terms'
import { paymentIdOf, payInTransaction } from '../checkout/pay'
import type { BalanceParts } from '../../domain/offers/types'
import { giveFreeBill } from './free'

export interface BillOutcome {
  billPaymentId: string | null
  billFailure: string | null
}

/**
 * At create: the bill must be one the new balance can pay (`balanceAfter`; null for a free bill), at a store that exists, and not paid
 * already (its requestId is the payment's key). Refusals here change nothing.
 */
export async function checkAttachedBill(openid: string, bill: { storeId: string; amount: number; requestId: string }, balanceAfter: BalanceParts | null, tier: StoredTier | null | undefined, now: Date): Promise<void> {
  const store = await loadStore(bill.storeId)
  const { data } = await database().collection(C.payments).doc(paymentIdOf(openid, bill.requestId)).get()
  if (data) throw new AppError('INVALID_INPUT', '这笔账单已经付过款，无需再次充值付款')
  if (!balanceAfter) return // a free bill is not paid from the balance
  // the tier held now: the recharge can only lift it, so a bill that fits now fits after
  const price = priceBill({ amount: fen(bill.amount), tier: pricingTier(tier), coupon: null, balance: balanceAfter, storeId: store.id, now })
  if (!price.ok) throw new AppError(price.error.code, price.error.message)
  if (price.data.shortfall > 0) throw new AppError('INSUFFICIENT_BALANCE', '充值后余额仍不足以支付本单，请选择更大的充值金额')
}

/** Inside the crediting transaction, after the member's balance and lots were credited. */
export async function payAttachedBill(t: TxLike, order: OrderDoc & { bill: AttachedBill }, at: Date): Promise<BillOutcome> {
  const bill = order.bill
  const paymentId = paymentIdOf(order.openid, bill.requestId)
  if (bill.freeBill) return giveFreeBill(t, order as OrderDoc & { bill: AttachedBill & { freeBill: NonNullable<AttachedBill['freeBill']> } }, paymentId, at)
  const { data: paid } = await t.collection(C.payments).doc<PaymentDoc>(paymentId).get()
  // paid meanwhile at the counter with the same tap (or a rerun of this transaction): never twice
  if (paid) return paid.state === 'paid' ? { billPaymentId: paymentId, billFailure: null } : { billPaymentId: null, billFailure: '这笔账单已另行付款' }
  const { data: store } = await t.collection(C.stores).doc<{ name: string }>(bill.storeId).get()
  const { data: settings } = await t.collection(C.settings).doc<MerchantSettings>(SETTINGS_ID).get()
  if (!store || !settings) return { billPaymentId: null, billFailure: '门店已不存在，账单未支付，充值已到账' }
  try {
    const p = await payInTransaction(t, { openid: order.openid, paymentId, requestId: bill.requestId, store: { id: bill.storeId, name: store.name }, settings, amount: fen(bill.amount) as Fen, couponId: bill.couponId, at })
    return { billPaymentId: p._id, billFailure: null }
  } catch (err) {
    // refusals come before payInTransaction writes anything: the recharge stays credited
    if (err instanceof AppError) return { billPaymentId: null, billFailure: `账单未支付（${err.message}），充值已到账，请到收银台重新付款` }
    throw err
  }
}
