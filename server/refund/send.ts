/**
 * Talking to WeChat Pay about a refund's parts, always after the transaction that decided them
 * has committed and always awaited before the function answers (no work after return).
 * Every call uses the part's own out_refund_no (`<refundId>-<outTradeNo>`), so a retry, a
 * restarted function, the status poll and the sweeper all ask for the same refund and WeChat
 * Pay refunds it once.
 */
import { pay } from '../pay'
import { now } from '../clock'
import type { RefundDoc, StoredPart } from '../collections'
import { applyWechatWord, fromAnswer, recordPartError } from './outcome'

/** A processing part is asked about once it is this old (and not checked within it): WeChat Pay usually answers in seconds. */
export const QUERY_AFTER_MS = 60_000

const due = (p: StoredPart, at: Date) => p.kind === 'wechat' && p.state === 'processing' && !p.sentAt && (!p.notBefore || Date.parse(p.notBefore) <= at.getTime())

const stale = (p: StoredPart, at: Date) =>
  p.kind === 'wechat' && p.state === 'processing' && !!p.sentAt && at.getTime() - new Date(p.checkedAt ?? p.sentAt).getTime() >= QUERY_AFTER_MS

/** Sends each WeChat part that is approved and not yet sent (spaced parts wait for notBefore). */
export async function sendDueParts(refund: RefundDoc): Promise<number> {
  const at = now()
  let sent = 0
  for (const p of refund.parts) if (due(p, at)) {
    await sendPart(p)
    sent++
  }
  return sent
}

async function sendPart(p: StoredPart): Promise<void> {
  if (p.kind !== 'wechat') return
  const { client, cfg } = pay()
  try {
    const answer = await client.createRefund({ outTradeNo: p.outTradeNo, outRefundNo: p.outRefundNo, reason: '储值退款', amount: { refund: p.amount, total: p.total } })
    const r = await applyWechatWord(fromAnswer(answer), cfg.mchid, true)
    if (r.kind !== 'applied') console.error('[chuzhi] refund answer does not match our part; left for staff', p.outRefundNo, r.kind === 'mismatch' ? r.reason : r.kind)
  } catch (err) {
    console.error('[chuzhi] sending a refund part failed; the status poll and the sweeper retry it', p.outRefundNo, err)
    await recordPartError(p.outRefundNo, err instanceof Error ? `${err.name}: ${err.message}` : String(err)).catch(() => undefined)
  }
}

/**
 * Brings a refund up to date with WeChat Pay: sends what is due, asks about parts processing for
 * longer than QUERY_AFTER_MS (a lost notification), and sends again any WeChat Pay does not know
 * (the first send never reached it). Returns how many parts it asked about.
 */
export async function catchUp(refund: RefundDoc): Promise<number> {
  const at = now()
  let asked = await sendDueParts(refund)
  const { client, cfg } = pay()
  for (const p of refund.parts) {
    if (!stale(p, at)) continue
    asked++
    try {
      const answer = await client.queryRefund(p.outRefundNo)
      if (!answer) await sendPart({ ...p, sentAt: null })
      else await applyWechatWord(fromAnswer(answer), cfg.mchid)
    } catch (err) {
      console.error('[chuzhi] querying a refund part failed; the next poll or sweep retries it', p.outRefundNo, err)
      await recordPartError(p.outRefundNo, err instanceof Error ? `${err.name}: ${err.message}` : String(err)).catch(() => undefined)
    }
  }
  return asked
}
