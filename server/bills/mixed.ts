/**
 * checkout.pay with `rest: 'wechat'`: the balance pays what it holds and WeChat Pay the rest.
 *
 * In checkout.pay's transaction (server/checkout/pay.ts `payInTransaction`, the one price): the
 * balance part is HELD (domain/ledger/bill.ts: principal and bonus move into the member's
 * spend-hold account, the lots drawn are lowered and remembered in `spendHolds[paymentId]`), the
 * bill's WeChat Pay order is written to `orders` with kind 'bill' (like a recharge order, so the
 * same notification, status poll and sweeper settle or close it: ONE crediting path), and the
 * payment is written `awaiting_wechat_pay`. Then the JSAPI order is placed, as recharge.create does.
 *
 * When WeChat Pay reports the order paid, server/bills/settle.ts settles both parts in one
 * transaction; when it closes unpaid, server/bills/release.ts gives the hold back to the same lots.
 */
import type { PaymentParams } from '../../contracts/api'
import type { BillPrice, BillSpend } from '../../domain/checkout'
import { spendHoldPosting } from '../../domain/ledger'
import { fen, type Fen } from '../../domain/money'
import { database } from '../cloud'
import { now } from '../clock'
import { AppError } from '../errors'
import { fault } from '../faults'
import { COLLECTIONS as C } from '../db/indexes'
import { transact, type TxLike } from '../db/tx'
import type { CouponDoc, MemberDoc, OrderDoc, PaymentDoc, SpendHold } from '../collections'
import { pay } from '../pay'
import { PayError } from '../wechatpay'
import { memberBalance } from '../wallet'
import type { BillToPay } from '../checkout/pay'
import type { FullLot } from '../checkout/lots'
import { newOutTradeNo } from '../recharge/order-no'
import { CLOSE_GRACE_MS } from '../recharge/holds'
import { heldLots } from './lots'
import { releaseBillHolds } from './release'

export interface MixedBill extends BillToPay {
  member: MemberDoc | null
  lots: FullLot[]
  price: BillPrice
  spend: BillSpend
  /** what WeChat Pay collects, > 0 */
  wechat: Fen
  /** the member's coupon priced into the bill: used by this payment from now, given back if it closes unpaid */
  coupon: CouponDoc | null
}

/** Inside checkout.pay's transaction: the hold, the bill's WeChat Pay order and the payment, written together. */
export async function holdForWechat(t: TxLike, b: MixedBill): Promise<PaymentDoc> {
  const _ = database().command
  const { openid, paymentId, store, settings, spend, at } = b
  const outTradeNo = newOutTradeNo(at)
  const expireAt = new Date(at.getTime() + settings.orderTtlMinutes * 60_000)
  let journalId: string | null = null
  if (spend.charged > 0 && b.member) {
    const posting = spendHoldPosting({ paymentId, requestId: b.requestId, openid, storeId: store.id, principal: spend.principal, bonus: spend.bonus })
    const hold: SpendHold = { principal: spend.principal, bonus: spend.bonus, draws: spend.draws.map((d) => ({ ...d })), storeId: store.id, outTradeNo, until: new Date(expireAt.getTime() + CLOSE_GRACE_MS) }
    await t.collection(C.members).doc(openid).update({
      data: {
        principal: _.inc(-spend.principal),
        bonus: _.inc(-spend.bonus),
        spendHeld: _.inc(spend.charged),
        lots: heldLots(b.lots, spend.draws),
        [`spendHolds.${paymentId}`]: hold
      }
    })
    fault('mixed:member')
    await t.collection(C.journal).add({ data: { _id: posting.id, ...posting, createdAt: at } })
    journalId = posting.id
    fault('mixed:journal')
  }
  if (b.coupon) {
    await t.collection(C.coupons).doc(b.coupon._id).update({ data: { usedAt: at, paymentId } })
    fault('mixed:coupon')
  }
  const order: OrderDoc = {
    _id: outTradeNo,
    kind: 'bill',
    paymentId,
    status: 'pending',
    openid,
    storeId: store.id,
    planId: null,
    description: `${settings.name}-${store.name}消费`.slice(0, 127),
    pay: b.wechat,
    planBonus: 0,
    campaignBonus: 0,
    bonus: 0,
    gifts: [],
    campaignIds: [],
    agreementVersion: settings.agreement.version,
    prepayId: null,
    createdAt: at,
    expireAt
  }
  const { _id: orderId, ...orderFields } = order
  await t.collection(C.orders).add({ data: { _id: orderId, ...orderFields } })
  fault('mixed:order')
  const before = memberBalance(b.member)
  const payment: PaymentDoc = {
    _id: paymentId,
    openid,
    requestId: b.requestId,
    storeId: store.id,
    storeName: store.name,
    state: 'awaiting_wechat_pay',
    amount: b.price.amount,
    tierDiscount: b.price.tierDiscount,
    couponDiscount: b.price.couponDiscount,
    couponId: b.coupon?._id ?? null,
    pointsEarned: 0,
    ...(b.lines?.length ? { lines: b.lines } : {}),
    charged: spend.charged,
    principal: spend.principal,
    bonus: spend.bonus,
    balanceAfter: { principal: before.principal - spend.principal, bonus: before.bonus - spend.bonus },
    journalId,
    createdAt: at,
    wechat: { outTradeNo, amount: b.wechat, prepayId: null }
  }
  const { _id, ...fields } = payment
  await t.collection(C.payments).add({ data: { _id, ...fields } })
  fault('mixed:payment')
  return payment
}

/**
 * Places the bill's JSAPI order (again, after a crash or for a retry of the same tap: WeChat Pay
 * answers an identical order with its prepay id) and records the prepay id on the order and the
 * payment. When WeChat Pay refuses, the order is closed and the hold given back at once: nothing
 * stays held for an order nobody can pay.
 */
export async function placeBillOrder(p: PaymentDoc): Promise<PaymentDoc> {
  if (p.state !== 'awaiting_wechat_pay' || !p.wechat || p.wechat.prepayId) return p
  const db = database()
  const { data } = await db.collection(C.orders).doc(p.wechat.outTradeNo).get()
  const order = data as OrderDoc | null
  if (!order) throw new Error(`bill order ${p.wechat.outTradeNo} of ${p._id} is missing`)
  if (order.status !== 'pending') return (await db.collection(C.payments).doc(p._id).get()).data as PaymentDoc
  const { client } = pay()
  try {
    const { prepayId } = await client.createJsapiOrder({ outTradeNo: order._id, description: order.description, total: order.pay, openid: order.openid, timeExpire: order.expireAt })
    fault('mixed:prepay')
    await db.collection(C.orders).doc(order._id).update({ data: { prepayId } })
    await db.collection(C.payments).doc(p._id).update({ data: { 'wechat.prepayId': prepayId } })
    return { ...p, wechat: { ...p.wechat, prepayId } }
  } catch (err) {
    if (!(err instanceof PayError)) throw err // a crash: the retry of the same tap places it
    console.error('[chuzhi] JSAPI order for a bill failed', order._id, `${err.code}: ${err.message}`)
    await transact(db, async (t: TxLike) => {
      const ref = t.collection(C.orders).doc<OrderDoc>(order._id)
      const { data: fresh } = await ref.get()
      if (fresh?.status !== 'pending') return
      await ref.update({ data: { status: 'closed', closedAt: now(), closeReason: `prepay failed: ${err.code}`.slice(0, 300) } })
      await releaseBillHolds(t, fresh, now())
    })
    throw new AppError('PAYMENT_UNAVAILABLE', '微信支付暂时不可用，余额未扣，请稍后再试')
  }
}

/** The receipt's view of the WeChat Pay part: signed payment parameters while it can still be paid. */
export function wechatPartOf(p: PaymentDoc & { wechat: NonNullable<PaymentDoc['wechat']> }): { outTradeNo: string; amount: Fen; payParams: PaymentParams | null } {
  const w = p.wechat
  return { outTradeNo: w.outTradeNo, amount: fen(w.amount), payParams: p.state === 'awaiting_wechat_pay' && w.prepayId ? pay().client.paymentParams(w.prepayId) : null }
}
