import type { PayConfig } from '../wechatpay'
import { verifyNotification } from '../wechatpay'
import { isRefundEvent, readRefundResource, readTransactionResource } from '../wechatpay/resource'
import { pay } from '../pay'
import { noContent, payFailure, rawBody, type HttpEvent, type HttpResponse } from '../http'
import { settlePaidOrder } from './settle'
import { afterCredit } from './after-credit'
import { recordPayIncident } from './incidents'
import { applyWechatWord, fromNotice } from '../refund/outcome'

/**
 * The WeChat Pay notification endpoint (HTTP trigger). Trusts nothing until the signature,
 * timestamp and decryption check out; then lets our own order decide what may be credited.
 * Answers 204 when handled (including "already credited" replays, orders flagged for review,
 * and authentic notifications retrying cannot fix: resources we cannot read, payments for
 * orders we do not have and refund results that are not about a refund part of ours, all
 * recorded for staff). REFUND.* results for our parts are applied (server/refund/outcome.ts).
 * 4xx/5xx {code:'FAIL'} when WeChat should retry.
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
  if (isRefundEvent(check.event.event_type)) {
    // A refund result is applied to OUR refund part (server/refund/outcome.ts), once however often
    // it is delivered; one we cannot read, or that names no part of ours or disagrees with it
    // (order, amount, mchid), is recorded for staff once per event and changes nothing.
    const read = readRefundResource(check.event.event_type, check.resource)
    try {
      const applied = read.ok ? await applyWechatWord(fromNotice(read.refund), cfg.mchid) : null
      if (!read.ok) {
        await recordPayIncident({ kind: 'unprocessable_notification', eventId: check.event.id, eventType: check.event.event_type, outTradeNo: read.outTradeNo, reason: read.reason, resource: check.resource })
      } else if (applied && applied.kind !== 'applied') {
        const r = read.refund
        const why = applied.kind === 'unknown' ? 'which is not a refund part of ours' : `which does not match our part: ${applied.reason}`
        await recordPayIncident({
          kind: 'refund_notification',
          eventId: check.event.id,
          eventType: check.event.event_type,
          outTradeNo: r.out_trade_no.slice(0, 64),
          reason: `refund ${r.out_refund_no.slice(0, 64)} (${r.refund_id.slice(0, 64)}) of ${r.amount.refund} fen: ${r.refund_status}, ${why}; nothing was applied`,
          resource: check.resource
        })
      }
    } catch (err) {
      console.error('[chuzhi] could not apply or record a refund notification; WeChat Pay will retry', err)
      return payFailure(500, 'temporarily unable to apply')
    }
    return noContent()
  }
  if (check.event.event_type !== 'TRANSACTION.SUCCESS') {
    // no other event is sent to this URL; acknowledge rather than have it retried
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
