import type { OrderState, OrderStatus } from '../../contracts/api'
import { fen } from '../../domain/money'
import { AppError } from '../errors'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import type { OrderDoc } from '../collections'
import { pay } from '../pay'
import { now } from '../clock'
import { readBalance } from '../wallet'
import { settlePaidOrder } from './settle'
import { afterCredit } from './after-credit'

/** A member's result page polls every second; WeChat Pay is asked at most this often per order. */
const QUERY_EVERY_MS = 5_000

// a bill's WeChat Pay part that was paid reads like a credited recharge: settled, nothing more to do
const STATE: Record<OrderDoc['status'], OrderState> = { pending: 'pending', credited: 'credited', paid: 'credited', closed: 'closed', review: 'review' }

async function load(outTradeNo: string): Promise<OrderDoc | null> {
  const { data } = await database().collection(C.orders).doc(outTradeNo).get()
  return (data as OrderDoc | null) ?? null
}

/**
 * Asks WeChat Pay about a pending order and, when it was paid, settles it exactly as the
 * notification would: this is how a lost notification is recovered.
 */
export async function reconcileWithWeChat(order: OrderDoc): Promise<OrderDoc> {
  if (order.status !== 'pending') return order
  const { cfg, client } = pay()
  const tx = await client.queryOrder(order._id)
  if (!tx || tx.trade_state !== 'SUCCESS') return order
  const outcome = await settlePaidOrder(tx, cfg)
  if (outcome.kind === 'credited') await afterCredit(order._id)
  return 'order' in outcome ? outcome.order : order
}

/** recharge.status: the order's state, to its owner only. */
export async function rechargeStatus(openid: string, outTradeNo: string): Promise<OrderStatus> {
  let order = await load(outTradeNo)
  // someone else's order reads as missing, so order numbers reveal nothing
  if (!order || order.openid !== openid) throw new AppError('ORDER_NOT_FOUND', '没有这笔充值订单')
  const at = now()
  const checkedAt = order.status === 'pending' && order.checkedAt ? new Date(order.checkedAt).getTime() : 0
  if (order.status === 'pending' && at.getTime() - checkedAt >= QUERY_EVERY_MS) {
    try {
      await database().collection(C.orders).doc(outTradeNo).update({ data: { checkedAt: at } })
      order = await reconcileWithWeChat(order)
    } catch (err) {
      console.error('[chuzhi] order query failed', outTradeNo, err)
    }
  }
  return {
    outTradeNo,
    state: STATE[order.status],
    pay: fen(order.pay),
    bonus: fen(order.bonus),
    balance: order.status === 'credited' || order.status === 'paid' ? await readBalance(openid) : null,
    billPaymentId: order.billPaymentId ?? null,
    ...(order.billFailure ? { billFailure: order.billFailure } : {})
  }
}
