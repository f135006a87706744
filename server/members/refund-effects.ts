/**
 * What a recharge refund does to membership, inside the refund's transaction (the refund function
 * calls this and writes the returned fields with its own update of the member document):
 *
 * - `netRecharged` falls by the refunded principal (bonus never counted), and the tier is
 *   recomputed under the member's own terms version: a refund below a threshold lowers the tier
 *   (G1 a), and a member who keeps money is never moved to other terms by it;
 * - the refunded orders' coupons that are still unused are voided (`voidedAt`): the gift came with
 *   the recharge that is being returned. A coupon already used stays used: its discount was given
 *   on a bill that was paid, and the refund quote is where its value is accounted, not here;
 * - the points multiplier is dropped when the order that gave it is refunded.
 *
 * Gift cards recorded as pending for those orders (`pendingGifts`) are left for the gift-card
 * module, which must not issue them for a refunded order.
 */
import { COLLECTIONS as C } from '../db/indexes'
import type { TxLike } from '../db/tx'
import { SETTINGS_ID, type MerchantSettings } from '../merchant'
import type { CouponDoc, MemberDoc } from '../collections'
import { couponId } from '../../domain/members'
import { netRechargedOf, ownTier, tierSettingsOf } from './terms'

/** A recharge issues at most this many coupons (a plan's coupon gifts, counted): the scan for them stops here. */
const MAX_COUPONS_PER_ORDER = 100

export async function afterRechargeRefund(
  t: TxLike,
  member: MemberDoc,
  refunded: { outTradeNo: string; principal: number }[],
  at: Date
): Promise<Record<string, unknown>> {
  const { data: settings } = await t.collection(C.settings).doc<MerchantSettings>(SETTINGS_ID).get()
  const ts = tierSettingsOf(settings)
  const principal = refunded.reduce((s, r) => s + r.principal, 0)
  const netRecharged = Math.max(0, netRechargedOf(member) - principal)
  const fields: Record<string, unknown> = { netRecharged }
  const tier = ownTier(ts, netRecharged, member.termsVersion ?? ts.current)
  if (tier !== undefined) fields.tier = tier
  const orders = new Set(refunded.map((r) => r.outTradeNo))
  if (member.pointsBoost && orders.has(member.pointsBoost.outTradeNo)) fields.pointsBoost = null

  // coupons of an order have consecutive ids cpn:<outTradeNo>:0, 1, … (server/members/credit.ts)
  for (const outTradeNo of orders) {
    for (let i = 0; i < MAX_COUPONS_PER_ORDER; i++) {
      const ref = t.collection(C.coupons).doc<CouponDoc>(couponId(outTradeNo, i))
      const { data } = await ref.get()
      if (!data) break
      if (data.usedAt || data.voidedAt) continue
      await ref.update({ data: { voidedAt: at } })
    }
  }
  return fields
}
