import type { CreatedOrder } from '../../contracts/api'
import { fen } from '../../domain/money'
import { AppError } from '../errors'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import type { OrderDoc } from '../collections'
import { pay } from '../pay'
import { PayError } from '../wechatpay'
import type { Quote } from '../../domain/offers/types'
import { transact, type TxLike } from '../db/tx'
import { offerContext, priceRecharge } from './offer'
import { newOutTradeNo } from './order-no'
import { CampaignHeld, holdCampaigns, releaseHolds } from './holds'
import { closeUnpaid } from './close'

/** A pending order is handed out again only while the member still has this long to pay it. */
const REUSE_MIN_LEFT_MS = 5 * 60_000

export interface CreateRequest {
  planId?: string
  amount?: number
  storeId?: string
  agreementVersion: string
}

/** The member's newest unpaid orders. */
async function pendingOrders(openid: string): Promise<OrderDoc[]> {
  const { data } = await database().collection(C.orders).where({ openid, status: 'pending' }).orderBy('createdAt', 'desc').limit(10).get()
  return data as OrderDoc[]
}

/**
 * The member's own unpaid order for the same thing, if one can still be paid: a member who closed
 * the payment sheet and taps pay again (or taps twice) gets that order back, with the bonus and
 * campaigns it was quoted, instead of a second order. Not when the fresh quote is better (a
 * campaign started since): then a new order carries the better offer.
 */
async function reusableOrder(openid: string, req: CreateRequest, storeId: string, agreementVersion: string, fresh: Quote, at: Date): Promise<OrderDoc | null> {
  return (
    (await pendingOrders(openid)).find(
      (o) =>
        o.prepayId &&
        o.storeId === storeId &&
        o.agreementVersion === agreementVersion &&
        (req.planId ? o.planId === req.planId : o.planId === null && o.pay === req.amount) &&
        o.pay === fresh.pay &&
        o.bonus >= fresh.bonus &&
        new Date(o.expireAt).getTime() - at.getTime() >= REUSE_MIN_LEFT_MS
    ) ?? null
  )
}

/**
 * recharge.create. When a campaign the new order would carry is held by the member's own unpaid
 * order (they chose 充1000, closed the payment sheet, and now pick another amount), the new order
 * replaces it: the old one is closed at WeChat Pay first (or credited, if it turns out to be
 * paid), then the recharge is priced again from scratch.
 */
export async function createRecharge(openid: string, req: CreateRequest): Promise<CreatedOrder> {
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

/**
 * One attempt: prices the recharge from our own data, writes the order (holding any
 * campaign with a per-member limit, in the same transaction), then places the JSAPI order with
 * WeChat Pay. The order exists before WeChat knows of it, so a notification can never arrive for
 * an order we do not have.
 */
async function createOnce(openid: string, req: CreateRequest): Promise<CreatedOrder> {
  if (!!req.planId === (req.amount !== undefined)) throw new AppError('INVALID_INPUT', '请选择套餐或输入金额（二选一）')
  const c = await offerContext(openid, req.storeId)
  if (req.agreementVersion !== c.settings.agreement.version) {
    throw new AppError('AGREEMENT_REQUIRED', `请阅读并同意最新版储值协议（${c.settings.agreement.version}）`)
  }
  const { quote, title } = priceRecharge(c, req)
  const at = c.quoteCtx.now
  const { client } = pay()
  const again = await reusableOrder(openid, req, c.storeId, c.settings.agreement.version, quote, at)
  if (again?.prepayId) return { outTradeNo: again._id, pay: fen(again.pay), bonus: fen(again.bonus), payment: client.paymentParams(again.prepayId) }

  const outTradeNo = newOutTradeNo(at)
  const expireAt = new Date(at.getTime() + c.settings.orderTtlMinutes * 60_000)
  const description = `${c.settings.name}-${title}`.slice(0, 127)
  const order: OrderDoc = {
    _id: outTradeNo,
    status: 'pending',
    openid,
    storeId: c.storeId,
    planId: quote.planId,
    description,
    pay: quote.pay,
    planBonus: quote.planBonus,
    campaignBonus: quote.campaignBonus,
    bonus: quote.bonus,
    gifts: quote.gifts,
    campaignIds: quote.campaignIds,
    agreementVersion: c.settings.agreement.version,
    prepayId: null,
    createdAt: at,
    expireAt
  }
  const db = database()
  const { _id, ...data } = order
  await transact(db, async (t: TxLike) => {
    await holdCampaigns(t, db.command, order, c.campaigns, at)
    await t.collection(C.orders).add({ data: { _id, ...data } })
  })

  try {
    const { prepayId } = await client.createJsapiOrder({ outTradeNo, description, total: quote.pay, openid, timeExpire: expireAt })
    await db.collection(C.orders).doc(outTradeNo).update({ data: { prepayId } })
    return { outTradeNo, pay: quote.pay, bonus: quote.bonus, payment: client.paymentParams(prepayId) }
  } catch (err) {
    const why = err instanceof PayError ? `${err.code}: ${err.message}` : String(err)
    console.error('[chuzhi] JSAPI order failed', outTradeNo, why)
    await transact(db, async (t: TxLike) => {
      await t.collection(C.orders).doc(outTradeNo).update({ data: { status: 'closed', closedAt: at, closeReason: `prepay failed: ${why}`.slice(0, 300) } })
      await releaseHolds(t, db.command, order)
    })
    throw new AppError('PAYMENT_UNAVAILABLE', '微信支付暂时不可用，请稍后再试')
  }
}
