import type { CreatedOrder } from '../../contracts/api'
import { AppError } from '../errors'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import type { OrderDoc } from '../collections'
import { pay } from '../pay'
import { PayError } from '../wechatpay'
import { offerContext, priceRecharge } from './offer'
import { newOutTradeNo } from './order-no'

export interface CreateRequest {
  planId?: string
  amount?: number
  storeId?: string
  agreementVersion: string
}

/**
 * recharge.create: prices the recharge from our own data, writes the order, then places the
 * JSAPI order with WeChat Pay. The order exists before WeChat knows of it, so a notification
 * can never arrive for an order we do not have.
 */
export async function createRecharge(openid: string, req: CreateRequest): Promise<CreatedOrder> {
  if (!!req.planId === (req.amount !== undefined)) throw new AppError('INVALID_INPUT', '请选择套餐或输入金额（二选一）')
  const c = await offerContext(openid, req.storeId)
  if (req.agreementVersion !== c.settings.agreement.version) {
    throw new AppError('AGREEMENT_REQUIRED', `请阅读并同意最新版储值协议（${c.settings.agreement.version}）`)
  }
  const { quote, title } = priceRecharge(c, req)
  const at = c.quoteCtx.now
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
  await db.collection(C.orders).add({ data: { _id, ...data } })

  const { client } = pay()
  try {
    const { prepayId } = await client.createJsapiOrder({ outTradeNo, description, total: quote.pay, openid, timeExpire: expireAt })
    await db.collection(C.orders).doc(outTradeNo).update({ data: { prepayId } })
    return { outTradeNo, pay: quote.pay, bonus: quote.bonus, payment: client.paymentParams(prepayId) }
  } catch (err) {
    const why = err instanceof PayError ? `${err.code}: ${err.message}` : String(err)
    console.error('[chuzhi] JSAPI order failed', outTradeNo, why)
    await db.collection(C.orders).doc(outTradeNo).update({ data: { status: 'closed', closedAt: at, closeReason: `prepay failed: ${why}`.slice(0, 300) } })
    throw new AppError('PAYMENT_UNAVAILABLE', '微信支付暂时不可用，请稍后再试')
  }
}
