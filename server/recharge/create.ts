import type { CreatedOrder } from '../../contracts/api'
import { AppError } from '../errors'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import type { AttachedBill, CapHold, MemberDoc, OrderDoc } from '../collections'
import { pay } from '../pay'
import { PayError } from '../wechatpay'
import type { CheckedQuote, RechargeRequest } from '../../domain/offers/recharge'
import { fen } from '../../domain/money'
import { memberBalance } from '../wallet'
import { transact, type TxLike } from '../db/tx'
import { offerContext, priced, rechargeRequest, rechargeTitle, type OfferContext } from './offer'
import { newOutTradeNo } from './order-no'
import { CampaignHeld, CLOSE_GRACE_MS, holdCampaigns, releaseHolds } from './holds'
import { capHoldPath, heldRoom, liveCapHolds, orderKey } from './cap-holds'
import { closeUnpaid } from './close'
import { checkAttachedBill } from '../bills/attached'
import { chooseFreeBill, freeBillQuote, holdFreeBill, type FreeChoice } from '../bills/free'
import { releaseBillHolds } from '../bills/release'
import { heldTier } from '../members/terms'

/** A pending order is handed out again only while the member still has this long to pay it. */
const REUSE_MIN_LEFT_MS = 5 * 60_000

/**
 * A second identical create that finds the first one's JSAPI order still being placed waits for
 * it this many times this long (a double tap: the first answers within a second or two), then
 * asks the member to try again in a moment.
 */
const WAIT_POLLS = 20
const WAIT_POLL_MS = 150

export interface CreateRequest {
  planId?: string
  amount?: number
  storeId?: string
  agreementVersion: string
  /** a recommendation accepted at checkout: this bill is paid from the new balance at credit (server/bills/attached.ts) */
  bill?: { storeId: string; amount: number; requestId: string; couponId?: string }
  /** 充值免单 with `bill` (server/bills/free.ts) */
  freeBill?: true
}

/** What the order carries for a bill, priced before the transaction and held in it. */
interface WithBill {
  bill?: AttachedBill
  free?: FreeChoice
  amount?: number
}

/** The member's newest unpaid orders. */
async function pendingOrders(openid: string): Promise<OrderDoc[]> {
  const { data } = await database().collection(C.orders).where({ openid, status: 'pending' }).orderBy('createdAt', 'desc').limit(10).get()
  return data as OrderDoc[]
}

async function loadOrder(outTradeNo: string): Promise<OrderDoc | null> {
  const { data } = await database().collection(C.orders).doc(outTradeNo).get()
  return (data as OrderDoc | null) ?? null
}

/**
 * recharge.create. One payable order per member, store and plan (or amount) at a time: creating
 * the same thing again, even thirty times at once, hands back the same order. When a campaign
 * the new order would carry is held by the member's own unpaid order (they chose 充1000, closed
 * the payment sheet, and now pick another amount), the new order replaces it: the old one is
 * closed at WeChat Pay first (or credited, if it turns out to be paid), then the recharge is
 * priced again from scratch.
 */
export async function createRecharge(openid: string, req: CreateRequest): Promise<CreatedOrder> {
  if (!!req.planId === (req.amount !== undefined)) throw new AppError('INVALID_INPUT', '请选择套餐或输入金额（二选一）')
  if (req.freeBill && (!req.bill || req.amount === undefined)) throw new AppError('INVALID_INPUT', '充值免单需附带本单账单并按金额充值')
  try {
    return await createOnce(openid, req)
  } catch (err) {
    if (!(err instanceof CampaignHeld)) throw err
    for (const held of (await pendingOrders(openid)).filter((o) => err.heldBy.includes(o._id))) {
      // its JSAPI order is still being placed (a double tap): closing it now could leave WeChat
      // with a payable order we consider closed, so the member is asked to wait instead
      if (!held.prepayId) throw err
      try {
        await closeUnpaid(held, 'replaced by a newer order')
      } catch (closeErr) {
        console.error('[chuzhi] could not replace the unpaid order', held._id, closeErr)
        throw err // the member is told what holds the campaign; nothing was written
      }
    }
    return createOnce(openid, req)
  }
}

type Written = { kind: 'created'; order: OrderDoc } | { kind: 'existing'; outTradeNo: string }

/**
 * One attempt: prices the recharge from our own data, writes the order (holding its room under
 * the cap and any campaign with a per-member limit, in the same transaction), then places the
 * JSAPI order with WeChat Pay. The order exists before WeChat knows of it, so a notification can
 * never arrive for an order we do not have. `tries` bounds how often an identical order that
 * went away meanwhile (closed, replaced) sends us round again.
 */
async function createOnce(openid: string, req: CreateRequest, tries = 2): Promise<CreatedOrder> {
  const c = await offerContext(openid, req.storeId)
  if (req.agreementVersion !== c.settings.agreement.version) {
    throw new AppError('AGREEMENT_REQUIRED', `请阅读并同意最新版储值协议（${c.settings.agreement.version}）`)
  }
  const target = rechargeRequest(req)
  const free = req.bill && req.freeBill ? await chooseFreeBill(c, openid, req.bill) : undefined
  const withBill: WithBill = { amount: req.amount, free, bill: req.bill && { ...req.bill, ...(free ? { freeBill: { ruleId: free.rule.id, free: free.free } } : {}) } }
  // refused here (risk mode, plan, amount, cap as read a moment ago) before anything is written
  const fresh = quoteFor(c, target, c.member, withBill)
  if (req.bill) {
    const after = { principal: fen(c.member.balance.principal + fresh.pay), bonus: fen(c.member.balance.bonus + fresh.bonus) }
    await checkAttachedBill(openid, req.bill, free ? null : after, heldTier(c.doc, c.settings), c.member.now)
  }
  const { client } = pay()
  const written = await writeOrder(openid, c, target, withBill)
  if (written.kind === 'existing') {
    const again = await handBack(written.outTradeNo, fresh, c)
    if (again) return again
    if (tries <= 1) throw new AppError('CONFLICT', '您有一笔相同的充值订单正在处理，请稍候再试')
    return createOnce(openid, req, tries - 1)
  }

  const { order } = written
  try {
    const { prepayId } = await client.createJsapiOrder({ outTradeNo: order._id, description: order.description, total: order.pay, openid, timeExpire: order.expireAt })
    await database().collection(C.orders).doc(order._id).update({ data: { prepayId } })
    return { outTradeNo: order._id, pay: fen(order.pay), bonus: fen(order.bonus), payment: client.paymentParams(prepayId) }
  } catch (err) {
    const why = err instanceof PayError ? `${err.code}: ${err.message}` : String(err)
    console.error('[chuzhi] JSAPI order failed', order._id, why)
    const db = database()
    await transact(db, async (t: TxLike) => {
      await t.collection(C.orders).doc(order._id).update({ data: { status: 'closed', closedAt: c.member.now, closeReason: `prepay failed: ${why}`.slice(0, 300) } })
      await releaseHolds(t, db.command, order)
      await releaseBillHolds(t, order, c.member.now)
    })
    throw new AppError('PAYMENT_UNAVAILABLE', '微信支付暂时不可用，请稍后再试')
  }
}

/**
 * The creating transaction: start, the member document, (limited campaigns' uses), the order,
 * the member document again, commit. The member's document is read first: a live hold for the same
 * store and plan/amount means that order is handed back, nothing written. Otherwise the price is
 * checked against the balance and held room as this transaction sees them, and the order, its
 * campaign holds and its cap hold are written together. Every create writes the member document,
 * so concurrent creates conflict there and rerun in turn: the second sees the first.
 */
async function writeOrder(openid: string, c: OfferContext, target: RechargeRequest, withBill: WithBill): Promise<Written> {
  const db = database()
  const _ = db.command
  const at = c.member.now
  // a recharge carrying a bill is its own order: the same plan without it, or for another bill, is not handed back
  const key = withBill.bill ? `${orderKey(c.storeId, target)}|bill|${withBill.bill.requestId}` : orderKey(c.storeId, target)
  return transact(db, async (t: TxLike): Promise<Written> => {
    const memberRef = t.collection(C.members).doc<MemberDoc>(openid)
    const { data: member } = await memberRef.get()
    const same = liveCapHolds(member, at).find(([, h]) => h.key === key)
    if (same) return { kind: 'existing', outTradeNo: same[0] }

    // the balance and the held room as this transaction sees them, both on the member document
    const quote = quoteFor(c, target, { ...c.member, balance: memberBalance(member), held: heldRoom(member, at, c.settings.offers) }, withBill)
    const order: OrderDoc = { ...newOrder(openid, c, target, quote), ...(withBill.bill ? { bill: withBill.bill } : {}) }

    await holdCampaigns(t, _, order, c.offers.campaigns, at)
    if (withBill.free) await holdFreeBill(t, order, withBill.free.rule, withBill.free.free, at)
    const { _id, ...data } = order
    await t.collection(C.orders).add({ data: { _id, ...data } })
    const hold: CapHold = { key, pay: order.pay, credit: quote.credit, until: new Date(order.expireAt.getTime() + CLOSE_GRACE_MS) }
    if (member) {
      const update: Record<string, unknown> = { [capHoldPath(order._id)]: hold }
      for (const [no, h] of Object.entries(member.capHolds ?? {})) if (new Date(h.until) <= at) update[capHoldPath(no)] = _.remove()
      await memberRef.update({ data: update })
    } else {
      // `add` fails on a duplicate _id, so of two first orders at once one reruns and sees the other
      const doc: Omit<MemberDoc, '_id'> = { memberSince: null, lots: [], rechargedTotal: 0, rechargeCount: 0, capHolds: { [order._id]: hold } }
      await t.collection(C.members).add({ data: { _id: openid, ...doc } })
    }
    return { kind: 'created', order }
  })
}

/** The domain's price of the recharge, or a free bill's (N × the bill, all principal, under the cap). */
function quoteFor(c: OfferContext, target: RechargeRequest, member: OfferContext['member'], withBill: WithBill): CheckedQuote {
  return withBill.free ? freeBillQuote(withBill.free, withBill.amount, c, member) : priced(c, target, member)
}

function newOrder(openid: string, c: OfferContext, target: RechargeRequest, quote: CheckedQuote): OrderDoc {
  const at = c.member.now
  return {
    _id: newOutTradeNo(at),
    status: 'pending',
    openid,
    storeId: c.storeId,
    planId: quote.planId,
    description: `${c.settings.name}-${rechargeTitle(c, target)}`.slice(0, 127),
    pay: quote.pay,
    planBonus: quote.planBonus,
    campaignBonus: quote.campaignBonus,
    bonus: quote.bonus,
    gifts: quote.gifts,
    campaignIds: quote.campaignIds,
    agreementVersion: c.settings.agreement.version,
    prepayId: null,
    createdAt: at,
    expireAt: new Date(at.getTime() + c.settings.orderTtlMinutes * 60_000)
  }
}

/**
 * The member's live order for the same thing. Handed back, with the bonus and campaigns it was
 * quoted, once its JSAPI order is placed (waiting briefly if the first create is still placing
 * it). Not when the fresh quote is better (a campaign started since), the agreement changed, or
 * little time is left to pay: then it is closed and null tells the caller to create anew.
 */
async function handBack(outTradeNo: string, fresh: CheckedQuote, c: OfferContext): Promise<CreatedOrder | null> {
  let o = await loadOrder(outTradeNo)
  for (let i = 0; i < WAIT_POLLS && o?.status === 'pending' && !o.prepayId; i++) {
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS))
    o = await loadOrder(outTradeNo)
  }
  if (!o || o.status !== 'pending') return null
  if (!o.prepayId) throw new AppError('CONFLICT', '您有一笔相同的充值订单正在创建，请稍候再试')
  const reusable =
    o.agreementVersion === c.settings.agreement.version &&
    o.pay === fresh.pay &&
    o.bonus >= fresh.bonus &&
    new Date(o.expireAt).getTime() - c.member.now.getTime() >= REUSE_MIN_LEFT_MS
  if (reusable) return { outTradeNo: o._id, pay: fen(o.pay), bonus: fen(o.bonus), payment: pay().client.paymentParams(o.prepayId) }
  await closeUnpaid(o, 'replaced by a newer order')
  return null
}
