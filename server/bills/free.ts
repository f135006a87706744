/**
 * 充值免单 (domain/offers/free-bill.ts): recharge N × this bill, all of it principal, and the bill
 * is free: the store's promotion cost, never paid from the member's balance.
 *
 * The rule's two bounds are counted on documents in `bills`, like campaign limits
 * (server/recharge/holds.ts): one per rule and store (`used` fen of free bills credited, and the
 * unpaid orders' `holds`), one per rule and member (`count`, `holds`). The recharge order takes
 * both holds in the transaction that writes it, so 20 members at once can never give away more
 * than the budget: their transactions conflict on the store's document and rerun in turn, each
 * seeing the holds before it. Crediting turns the holds into use and posts the free bill
 * (store_promo → store_revenue) with a payment of charged 0; closing releases them.
 */
import type { CheckedQuote, RechargeContext } from '../../domain/offers/recharge'
import { freeBillOffer, type FreeBillRule, type FreeBillUsage } from '../../domain/offers/free-bill'
import { checkCap } from '../../domain/offers/cap'
import { priceBill } from '../../domain/checkout'
import { freeBillPosting } from '../../domain/ledger'
import { fen, formatYuan, type Fen } from '../../domain/money'
import { database } from '../cloud'
import { AppError } from '../errors'
import { fault } from '../faults'
import { COLLECTIONS as C } from '../db/indexes'
import type { TxLike } from '../db/tx'
import { incStoreAccounts, storeAccountShards } from '../ledger/store'
import { memberBalance } from '../wallet'
import type { AttachedBill, MemberDoc, OrderDoc, PaymentDoc } from '../collections'
import type { OfferContext } from '../recharge/offer'
import { CLOSE_GRACE_MS } from '../recharge/holds'
import type { BillOutcome } from './attached'
import { heldTier, pricingTier } from '../members/terms'

/** A rule's use at one store: fen given away (credited) and unpaid orders holding some of the budget. */
interface StoreBudgetDoc {
  _id: string
  ruleId: string
  storeId: string
  used: number
  holds: Record<string, { amount: number; until: Date }>
}
/** A rule's use by one member: free bills credited and unpaid orders holding one. */
interface MemberUseDoc {
  _id: string
  ruleId: string
  openid: string
  count: number
  holds: Record<string, Date>
}

const budgetId = (ruleId: string, storeId: string) => `fb-store:${ruleId}:${storeId}`
const memberUseId = (ruleId: string, openid: string) => `fb-member:${ruleId}:${openid}`
type Hold = Date | { amount: number; until: Date }
const untilOf = (h: Hold) => new Date(h instanceof Date || typeof h !== 'object' ? h : h.until)
/** Holds that still count at `at`, as [out_trade_no, hold]; `except` leaves one order out. */
const live = <T extends Hold>(holds: Record<string, T> | undefined, at: Date, except?: string) => Object.entries(holds ?? {}).filter(([no, h]) => no !== except && untilOf(h) > at)
/** Updates dropping holds past their time, so the documents do not grow forever. */
const dropExpired = (holds: Record<string, Hold> | undefined, at: Date, remove: () => unknown) =>
  Object.fromEntries(Object.entries(holds ?? {}).filter(([, h]) => untilOf(h) <= at).map(([no]) => [`holds.${no}`, remove()]))

function usageOf(budget: StoreBudgetDoc | null, use: MemberUseDoc | null, at: Date, except?: string): FreeBillUsage {
  return {
    storeUsed: fen((budget?.used ?? 0) + live(budget?.holds, at, except).reduce((s, [, h]) => s + h.amount, 0)),
    memberUses: (use?.count ?? 0) + live(use?.holds, at, except).length
  }
}

export const UNAVAILABLE = '本单暂不能充值免单（名额已用完或不符合条件），请选择其他充值方案'

export interface FreeChoice {
  rule: FreeBillRule
  /** the bill at the member's price: given away, held against the budget */
  free: Fen
  /** what the member must recharge at least: multiple × the bill as typed */
  pay: Fen
}

/** The first active rule that covers this bill for this member now, with usage as read now (rechecked in the transaction). */
export async function chooseFreeBill(c: OfferContext, openid: string, bill: { storeId: string; amount: number }): Promise<FreeChoice> {
  if (c.offers.settings.riskMode) throw new AppError('TOPUP_SUSPENDED', '本店暂停充值，已有余额可正常使用和申请退款')
  const at = c.member.now
  // the member's price for the bill today (their stored tier); a coupon stays in the wallet
  const price = priceBill({ amount: fen(bill.amount), tier: pricingTier(heldTier(c.doc, c.settings)), coupon: null, balance: c.member.balance, storeId: bill.storeId, now: at })
  if (!price.ok) throw new AppError(price.error.code, price.error.message)
  for (const rule of c.settings.freeBills ?? []) {
    const usage = await readUsage(rule, bill.storeId, openid, at)
    const o = freeBillOffer(rule, { amount: fen(bill.amount), price: price.data.payable, storeId: bill.storeId, now: at }, usage)
    if (o) return { rule, free: o.free, pay: o.pay }
  }
  throw new AppError('FREE_BILL_UNAVAILABLE', UNAVAILABLE)
}

/**
 * For checkout.quote's recommendation: the first active rule covering this store now, with this
 * member's and store's usage (pending holds included), or null. The domain decides whether it
 * covers the bill (freeBillOffer), exactly as chooseFreeBill does at create.
 */
export async function freeBillForQuote(c: OfferContext, openid: string): Promise<{ rule: FreeBillRule; usage: FreeBillUsage } | null> {
  const at = c.member.now
  const rule = (c.settings.freeBills ?? []).find((r) => r.active)
  if (!rule) return null
  return { rule, usage: await readUsage(rule, c.storeId, openid, at) }
}

/** A rule's usage as read now, outside any transaction: the store's budget and this member's uses, side by side. */
async function readUsage(rule: FreeBillRule, storeId: string, openid: string, at: Date): Promise<FreeBillUsage> {
  const db = database()
  const [budget, use] = await Promise.all([db.collection(C.bills).doc(budgetId(rule.id, storeId)).get(), db.collection(C.bills).doc(memberUseId(rule.id, openid)).get()])
  return usageOf(budget.data as StoreBudgetDoc | null, use.data as MemberUseDoc | null, at)
}

/** The free bill's recharge: what the member chose to pay (at least N × the bill), all principal, under the cap. */
export function freeBillQuote(choice: FreeChoice, amount: number | undefined, c: Pick<OfferContext, 'offers'>, member: RechargeContext): CheckedQuote {
  if (amount === undefined || amount < choice.pay) throw new AppError('INVALID_INPUT', `充值免单需充值至少${formatYuan(choice.pay)}`)
  const pay = fen(amount)
  const cap = checkCap(member.balance, { pay, credit: pay }, c.offers.settings, member.held ?? fen(0))
  if (!cap.ok) throw new AppError(cap.error.code, cap.error.message)
  return { planId: null, pay, planBonus: fen(0), campaignBonus: fen(0), bonus: fen(0), credit: pay, gifts: [], campaignIds: [], cap: cap.data }
}

/** In the order's creating transaction: holds the free amount on the store's budget and one use on the member's limit, or refuses. */
export async function holdFreeBill(t: TxLike, order: OrderDoc, rule: FreeBillRule, free: Fen, at: Date): Promise<void> {
  const _ = database().command
  // the budget is the bill's store's (the recharge itself may be bought at another store or online)
  const storeId = (order.bill as AttachedBill).storeId
  const budgetRef = t.collection(C.bills).doc<StoreBudgetDoc>(budgetId(rule.id, storeId))
  const useRef = t.collection(C.bills).doc<MemberUseDoc>(memberUseId(rule.id, order.openid))
  const { data: budget } = await budgetRef.get()
  const { data: use } = await useRef.get()
  const usage = usageOf(budget, use, at)
  if (usage.memberUses >= rule.perMemberLimit || usage.storeUsed + free > rule.storeBudget) throw new AppError('FREE_BILL_UNAVAILABLE', UNAVAILABLE)
  const until = new Date(order.expireAt.getTime() + CLOSE_GRACE_MS)
  if (budget) await budgetRef.update({ data: { ...dropExpired(budget.holds, at, () => _.remove()), [`holds.${order._id}`]: { amount: free, until } } })
  else await t.collection(C.bills).add({ data: { _id: budgetId(rule.id, storeId), ruleId: rule.id, storeId, used: 0, holds: { [order._id]: { amount: free, until } } } })
  if (use) await useRef.update({ data: { ...dropExpired(use.holds, at, () => _.remove()), [`holds.${order._id}`]: until } })
  else await t.collection(C.bills).add({ data: { _id: memberUseId(rule.id, order.openid), ruleId: rule.id, openid: order.openid, count: 0, holds: { [order._id]: until } } })
}

/** In the closing transaction: the order's budget and member holds go back. */
export async function releaseFreeBill(t: TxLike, order: OrderDoc, _at: Date): Promise<void> {
  const fb = order.bill?.freeBill
  if (!fb) return
  const _ = database().command
  for (const id of [budgetId(fb.ruleId, (order.bill as AttachedBill).storeId), memberUseId(fb.ruleId, order.openid)]) {
    const ref = t.collection(C.bills).doc<StoreBudgetDoc | MemberUseDoc>(id)
    const { data } = await ref.get()
    if (data?.holds && order._id in data.holds) await ref.update({ data: { [`holds.${order._id}`]: _.remove() } })
  }
}

type FreeOrder = OrderDoc & { bill: AttachedBill & { freeBill: NonNullable<AttachedBill['freeBill']> } }

/**
 * In the crediting transaction, after the recharge is credited: the holds become use, the bill is
 * posted as the store's promotion cost, and the payment is written (charged 0, `free`). An order
 * paid after its holds were released (closed, or late) gets the bill only if the budget and the
 * limit still allow it; otherwise the recharge stays credited and the bill unpaid, with the reason.
 */
export async function giveFreeBill(t: TxLike, order: FreeOrder, paymentId: string, at: Date): Promise<BillOutcome> {
  const _ = database().command
  const { bill } = order
  const { ruleId, free } = bill.freeBill
  const { data: paid } = await t.collection(C.payments).doc<PaymentDoc>(paymentId).get()
  if (paid) return paid.state === 'paid' && paid.free ? { billPaymentId: paymentId, billFailure: null } : { billPaymentId: null, billFailure: '这笔账单已另行付款，充值已到账' }
  const budgetRef = t.collection(C.bills).doc<StoreBudgetDoc>(budgetId(ruleId, bill.storeId))
  const useRef = t.collection(C.bills).doc<MemberUseDoc>(memberUseId(ruleId, order.openid))
  const { data: budget } = await budgetRef.get()
  const { data: use } = await useRef.get()
  const { data: settings } = await t.collection(C.settings).doc<{ freeBills?: FreeBillRule[] }>('merchant').get()
  const rule = settings?.freeBills?.find((r) => r.id === ruleId)
  const held = live(budget?.holds, at).some(([no]) => no === order._id) && live(use?.holds, at).some(([no]) => no === order._id)
  if (!held) {
    const others = usageOf(budget, use, at, order._id)
    if (!rule || others.memberUses >= rule.perMemberLimit || others.storeUsed + free > rule.storeBudget) {
      return { billPaymentId: null, billFailure: '免单名额已用完，本单未免单，充值已到账，请到收银台付款' }
    }
  }
  // a hold given back meanwhile may have taken its document's last trace: then the use starts it
  if (budget) await budgetRef.update({ data: { used: _.inc(free), ...(budget.holds && order._id in budget.holds ? { [`holds.${order._id}`]: _.remove() } : {}) } })
  else await t.collection(C.bills).add({ data: { _id: budgetId(ruleId, bill.storeId), ruleId, storeId: bill.storeId, used: free, holds: {} } })
  if (use) await useRef.update({ data: { count: _.inc(1), ...(use.holds && order._id in use.holds ? { [`holds.${order._id}`]: _.remove() } : {}) } })
  else await t.collection(C.bills).add({ data: { _id: memberUseId(ruleId, order.openid), ruleId, openid: order.openid, count: 1, holds: {} } })
  fault('free:use')
  const posting = freeBillPosting({ paymentId, requestId: bill.requestId, openid: order.openid, storeId: bill.storeId, amount: fen(free), ruleId, outTradeNo: order._id, shards: storeAccountShards() })
  await incStoreAccounts(t, _, posting.entries, at, 'free:account')
  await t.collection(C.journal).add({ data: { _id: posting.id, ...posting, createdAt: at } })
  fault('free:journal')
  const { data: store } = await t.collection(C.stores).doc<{ name: string }>(bill.storeId).get()
  const { data: member } = await t.collection(C.members).doc<MemberDoc>(order.openid).get()
  const balance = memberBalance(member)
  const payment: PaymentDoc = {
    _id: paymentId,
    openid: order.openid,
    requestId: bill.requestId,
    storeId: bill.storeId,
    storeName: store?.name ?? bill.storeId,
    state: 'paid',
    amount: bill.amount,
    // the bill at the member's price is given away whole: the gap to the bill as typed is their tier discount
    tierDiscount: bill.amount - free,
    couponDiscount: 0,
    charged: 0,
    principal: 0,
    bonus: 0,
    balanceAfter: { principal: balance.principal, bonus: balance.bonus },
    journalId: posting.id,
    createdAt: at,
    paidAt: at,
    free: { ruleId, outTradeNo: order._id, amount: free }
  }
  const { _id, ...fields } = payment
  await t.collection(C.payments).add({ data: { _id, ...fields } })
  fault('free:payment')
  return { billPaymentId: paymentId, billFailure: null }
}
