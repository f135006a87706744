/**
 * checkout.pay and checkout.receipt: a bill paid from the stored balance.
 *
 * One transaction writes the member document (balances and lots), the spend journal entry, the
 * spending store's spend shard (revenue and bonus-redeemed, one document) and the payment record. Everything
 * money depends on (the lots, the balance) is read inside it, so two payments at once serialise
 * on the member document and the balance can never go below zero. The payment's id is derived
 * from the member and the client's request id, so a retry or a double tap finds the payment the
 * first one wrote and pays nothing more.
 */
import { createHash } from 'crypto'
import type { CheckoutReceipt } from '../../contracts/checkout'
import { linesRefusal, payBill, type BillLine } from '../../domain/checkout'
import { pointsFor } from '../../domain/members'
import { spendPosting } from '../../domain/ledger'
import { fen, type Fen } from '../../domain/money'
import { database } from '../cloud'
import { now } from '../clock'
import { AppError } from '../errors'
import { fault } from '../faults'
import { COLLECTIONS as C } from '../db/indexes'
import { transact, type TxLike } from '../db/tx'
import { incStoreAccounts, storeAccountShards } from '../ledger/store'
import { loadSettings, loadStore, spendPolicyOf, type MerchantSettings, type Store } from '../merchant'
import type { MemberDoc, PaymentDoc } from '../collections'
import { memberBalance } from '../wallet'
import { drawnLots, lotDraws, withLotFacts } from './lots'
import { asCoupon, couponInTx } from '../members/coupons'
import { perYuanOf, pointsId } from '../members/points'
import { heldTier, pricingTier } from '../members/terms'
import { familyPayer, readFamilyLink, type FamilyPayer } from '../family/pay'
import type { FamilyLinkDoc } from '../family/docs'
import { rechargeStatus } from '../recharge/status'
import { holdForWechat, placeBillOrder, wechatPartOf } from '../bills/mixed'

/**
 * The payment's id: a SHA-256 of member and request id, so that the same tap always lands on the
 * same journal entry and shard, and two members can never share an id (a short hash could).
 */
export function paymentIdOf(openid: string, requestId: string): string {
  return `pay_${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex')}`
}

export function receiptOf(p: PaymentDoc): CheckoutReceipt {
  const principal = fen(p.balanceAfter.principal)
  const bonus = fen(p.balanceAfter.bonus)
  return {
    paymentId: p._id,
    state: p.state,
    amount: fen(p.amount),
    discount: fen(p.tierDiscount + p.couponDiscount),
    charged: fen(p.charged),
    principal: fen(p.principal),
    bonus: fen(p.bonus),
    balance: { principal, bonus, total: fen(principal + bonus) },
    storeId: p.storeId,
    storeName: p.storeName,
    paidBy: p.paidBy ?? 'self',
    paidAt: new Date(p.paidAt ?? p.createdAt).toISOString(),
    pointsEarned: p.pointsEarned ?? 0,
    couponId: p.couponId ?? null,
    ...(p.wechat ? { wechat: wechatPartOf({ ...p, wechat: p.wechat }) } : {}),
    ...(p.free ? { free: { outTradeNo: p.free.outTradeNo } } : {})
  }
}

export interface PayRequest {
  storeId: string
  amount: Fen
  requestId: string
  couponId?: string
  lines?: BillLine[]
  /** 'family': from the balance of the family the caller joined (server/family/pay.ts) */
  payFrom?: 'own' | 'family'
  /** the balance pays what it holds and WeChat Pay the rest (server/bills/mixed.ts) */
  rest?: 'wechat'
}

/** A bill the balance may not pay (virtual goods, E2) or whose lines do not add up: refused before anything is read. */
export function refuseLines(req: Pick<PayRequest, 'amount' | 'lines'>): void {
  const refused = linesRefusal(req.amount, req.lines)
  if (refused) throw new AppError(refused.code, refused.message)
}

export async function payFromBalance(openid: string, req: PayRequest): Promise<CheckoutReceipt> {
  refuseLines(req)
  // a family payment draws on another member's balance within a limit: it is paid whole or not at all
  if (req.rest === 'wechat' && req.payFrom === 'family') throw new AppError('INVALID_INPUT', '家人代付不支持余额加微信组合支付，请用自己的余额或微信支付')
  const paidBy = req.payFrom === 'family' ? 'family' : 'self'
  const paymentId = paymentIdOf(openid, req.requestId)
  const db = database()
  // Read before the transaction, while it starts (they are not on its session, so they may overlap
  // it): the store and the merchant's split are settings, not money, and the payment only answers
  // a retry early. A payment is made once by its unique _id: the `add` below fails on a duplicate,
  // and every rerun reads the payment again inside the transaction.
  const early = Promise.all([
    loadStore(req.storeId),
    loadSettings(),
    db.collection(C.payments).doc(paymentId).get(),
    // family: the payer's link names the owner; the family document read in the transaction decides
    paidBy === 'family' ? readFamilyLink(openid) : null
  ])
  early.catch(() => undefined) // awaited inside; this only keeps a rejection from going unhandled meanwhile
  let attempt = 0
  const paid = await transact(db, async (t: TxLike): Promise<PaymentDoc> => {
    const [store, settings, first, link] = await early
    const paymentRef = t.collection(C.payments).doc<PaymentDoc>(paymentId)
    const done = attempt++ === 0 ? (first.data as PaymentDoc | null) : (await paymentRef.get()).data
    if (done) {
      // a retry or double tap: the first tap's payment, nothing more. The same requestId for
      // another bill is a client mistake, never a silent "paid": that bill was not paid.
      if (done.amount !== req.amount || done.storeId !== req.storeId || (done.couponId ?? undefined) !== req.couponId || (done.paidBy ?? 'self') !== paidBy) throw new AppError('INVALID_INPUT', '该付款请求号已用于另一笔账单，请重新发起付款')
      return done
    }
    return payInTransaction(t, { openid, paymentId, requestId: req.requestId, store, settings, amount: req.amount, couponId: req.couponId, lines: req.lines, rest: req.rest, paidBy, link, at: now() })
  })
    // a conflict that outlasts every retry (many payments at once on one wallet) is answered
    // CONFLICT by the handler (server/handler.ts): nothing was written, and the same requestId
    // may safely be sent again
    // no work after return (CloudBase freezes the function): the early reads end before we answer,
    // even when the transaction could not start
    .finally(() => early.catch(() => undefined))
  // a mixed payment: its WeChat Pay order is placed now that the hold and the order are written
  if (paid.state === 'awaiting_wechat_pay') return receiptOf(await placeBillOrder(paid))
  return receiptOf(paid)
}

export interface BillToPay {
  openid: string
  paymentId: string
  requestId: string
  store: Store
  settings: MerchantSettings
  amount: Fen
  /** the member's chosen coupon (an attached bill's is checked again at credit: used meanwhile, the bill is not paid) */
  couponId?: string
  lines?: BillLine[]
  rest?: 'wechat'
  /** 'family': from the owner's balance named by `link` (server/family/pay.ts) */
  paidBy?: 'self' | 'family'
  link?: FamilyLinkDoc | null
  at: Date
}

/**
 * Pays a bill inside the caller's transaction: checkout.pay's, or the crediting transaction of a
 * recharge that carries the bill (server/bills/attached.ts), so both price it with the same
 * domain call. Refusals (AppError) come before any write. With `rest: 'wechat'` a balance short of
 * the payable holds what it has and writes the WeChat Pay order for the rest (server/bills/mixed.ts).
 */
export async function payInTransaction(t: TxLike, b: BillToPay): Promise<PaymentDoc> {
  const _ = database().command
  const { openid, paymentId, store, settings, at } = b
  const paidBy = b.paidBy ?? 'self'
  const req = { amount: b.amount, requestId: b.requestId, couponId: b.couponId, lines: b.lines }
  fault('spend:start')
  // whose wallet pays: the caller's, or their family owner's (server/family/pay.ts: membership and monthly limit)
  const family: FamilyPayer | null = paidBy === 'family' ? await familyPayer(t, openid, b.link ?? null) : null
  const owner = family?.owner ?? openid
  const memberRef = t.collection(C.members).doc<MemberDoc>(owner)
  const { data: member } = await memberRef.get()
  // read only when the member chose one: inside the transaction, so two payments with one coupon serialise and one is refused
  const coupon = req.couponId ? await couponInTx(t, openid, req.couponId) : null
  const lots = await withLotFacts(t, member?.lots ?? [])
  // the tier stored on the member: computed under the terms they accepted (server/members/terms.ts)
  const bill = payBill({ amount: req.amount, tier: pricingTier(heldTier(member, settings)), coupon: coupon && asCoupon(coupon), storeId: store.id, now: at }, lots, spendPolicyOf(settings), b.rest)
  if (!bill.ok) throw new AppError(bill.error.code, bill.error.message)
  const { price, spend, wechat } = bill.data
  // a mixed payment earns its points when the held balance part settles (server/bills/settle.ts)
  if (wechat > 0) return holdForWechat(t, { ...b, member, lots, price, spend, wechat, coupon })
  await family?.charge(spend.charged, at)
  const posting = spendPosting({ paymentId, requestId: req.requestId, openid: owner, storeId: store.id, draws: lotDraws(lots, spend.draws), shards: storeAccountShards() })
  // points go with the balance that paid: the owner's (the member document updated below)
  const pointsEarned = pointsFor(spend.charged, perYuanOf(settings), member?.pointsBoost, at)

  const memberUpdate: Record<string, unknown> = { principal: _.inc(-spend.principal), bonus: _.inc(-spend.bonus), lots: drawnLots(lots, spend.draws) }
  if (pointsEarned > 0) memberUpdate.points = _.inc(pointsEarned)
  await memberRef.update({ data: memberUpdate })
  fault('spend:member')
  if (coupon) {
    await t.collection(C.coupons).doc(coupon._id).update({ data: { usedAt: at, paymentId } })
    fault('spend:coupon')
  }
  await incStoreAccounts(t, _, posting.entries, at, 'spend:account')
  // a family payment names its payer on the owner's journal entry, so the owner's history says who paid
  const payer = family ? { family: { payer: openid, memberId: family.memberId, name: family.name } } : {}
  await t.collection(C.journal).add({ data: { _id: posting.id, ...posting, ...payer, createdAt: at } })
  fault('spend:journal')
  const before = memberBalance(member)
  const payment: PaymentDoc = {
    _id: paymentId,
    openid,
    owner,
    paidBy,
    ...(family ? { payerName: family.name } : {}),
    requestId: req.requestId,
    storeId: store.id,
    storeName: store.name,
    state: 'paid',
    amount: price.amount,
    tierDiscount: price.tierDiscount,
    couponDiscount: price.couponDiscount,
    couponId: coupon?._id ?? null,
    pointsEarned,
    ...(req.lines?.length ? { lines: req.lines } : {}),
    charged: spend.charged,
    principal: spend.principal,
    bonus: spend.bonus,
    balanceAfter: { principal: before.principal - spend.principal, bonus: before.bonus - spend.bonus },
    journalId: posting.id,
    createdAt: at
  }
  if (pointsEarned > 0) {
    await t.collection(C.points).add({ data: { _id: pointsId(paymentId), openid: owner, delta: pointsEarned, reason: `${store.name} 消费`, paymentId, createdAt: at } })
    fault('spend:points')
  }
  const { _id, ...fields } = payment
  await t.collection(C.payments).add({ data: { _id, ...fields } })
  fault('spend:payment')
  return payment
}

/** A payment's receipt, for its payer only (and, for a family payment, the owner it was paid from): anyone else's reads as missing. */
export async function paymentReceipt(openid: string, paymentId: string): Promise<CheckoutReceipt> {
  const read = async () => (await database().collection(C.payments).doc(paymentId).get()).data as PaymentDoc | null
  const p = await read()
  if (!p || (p.openid !== openid && p.owner !== openid)) throw new AppError('NOT_FOUND', '没有找到这笔付款')
  if (p.state !== 'awaiting_wechat_pay' || !p.wechat) return receiptOf(p)
  // the page polls the receipt while the member pays the WeChat part: ask WeChat Pay as
  // recharge.status does (at most every few seconds), which settles the bill once it is paid
  await rechargeStatus(p.openid, p.wechat.outTradeNo)
  return receiptOf((await read()) ?? p)
}
