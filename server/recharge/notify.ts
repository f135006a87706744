import type { PayConfig } from '../wechatpay'
import { verifyNotification } from '../wechatpay'
import { readTransactionResource } from '../wechatpay/resource'
import { pay } from '../pay'
import { noContent, payFailure, rawBody, type HttpEvent, type HttpResponse } from '../http'
import { settlePaidOrder } from './settle'
import { afterCredit } from './after-credit'
import { recordPayIncident } from './incidents'

/**
 * The WeChat Pay notification endpoint (HTTP trigger). Trusts nothing until the signature,
 * timestamp and decryption check out; then lets our own order decide what may be credited.
 * Answers 204 when handled (including "already credited" replays, orders flagged for review,
 * and authentic notifications retrying cannot fix: resources we cannot read and payments for
 * orders we do not have; the last three are recorded for staff), and 4xx/5xx {code:'FAIL'} when
 * WeChat should retry.
 */
export async function handlePayNotification(e: HttpEvent): Promise<HttpResponse> {
  // whatever arrives, WeChat Pay gets an answer in its notify format, never a thrown error
  const body = e && typeof e === 'object' ? rawBody(e) : null
  if (body === null) return payFailure(400, 'body is not text')
  let cfg: PayConfig
  try {
    cfg = pay().cfg
  } catch (err) {
    console.error('[chuzhi] payNotify cannot check notifications; WeChat Pay will retry', err)
    return payFailure(500, 'temporarily unable to check notifications')
  }
  const check = verifyNotification(cfg, e.headers ?? {}, body)
  if (!check.ok) return payFailure(401, `notification rejected: ${check.reason}`)
  if (check.event.event_type !== 'TRANSACTION.SUCCESS') {
    // refunds arrive here too; the refund module will own them. Until then, acknowledge.
    return noContent()
  }
  const read = readTransactionResource(check.resource)
  if (!read.ok) {
    // Signed by WeChat Pay, so not an attack; retrying for a day would not change its content.
    try {
      await recordPayIncident({ kind: 'unprocessable_notification', eventId: check.event.id, eventType: check.event.event_type, outTradeNo: read.outTradeNo, reason: read.reason, resource: check.resource })
    } catch (err) {
      console.error('[chuzhi] could not record an unprocessable notification; WeChat Pay will retry', err)
      return payFailure(500, 'temporarily unable to record')
    }
    console.error('[chuzhi] unprocessable notification recorded for staff', check.event.id, read.reason)
    return noContent()
  }
  const tx = read.tx
  try {
    const outcome = await settlePaidOrder(tx, cfg)
    switch (outcome.kind) {
      case 'credited':
        await afterCredit(outcome.order._id)
        return noContent()
      case 'already_credited':
      case 'review':
        return noContent()
      case 'not_paid':
        return payFailure(400, `trade_state ${tx.trade_state}`)
      case 'unknown_order':
        // Orders are written before WeChat Pay learns of them (create.ts), so this out_trade_no
        // will never become known: retrying for a day cannot help. HQ finds the payment in the
        // record (its resource names the transaction) and refunds it.
        await recordPayIncident({
          kind: 'unknown_order',
          eventId: check.event.id,
          eventType: check.event.event_type,
          outTradeNo: tx.out_trade_no.slice(0, 64),
          reason: `paid transaction ${tx.transaction_id ?? '(no transaction_id)'} names order ${tx.out_trade_no.slice(0, 64)}, which we do not have`,
          resource: check.resource
        })
        console.error('[chuzhi] notification for an unknown order recorded for staff', tx.out_trade_no)
        return noContent()
    }
  } catch (err) {
    console.error('[chuzhi] crediting (or recording for staff) failed; WeChat Pay will retry', err)
    return payFailure(500, 'temporarily unable to credit')
  }
}
