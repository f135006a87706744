/**
 * What a credited recharge does for membership, inside the crediting transaction
 * (server/recharge/settle.ts calls `creditMembership` once, before it writes the member):
 *
 * - `netRecharged` grows by the principal; the tier follows under the member's own terms version
 *   (`versionAfterRecharge`: the first recharge accepts the current terms, later ones keep theirs);
 * - the first credit reserves an 8-digit member code (domain/members/member-code.ts);
 * - the order's gifts are issued: coupons into `coupons` (`cpn:<outTradeNo>:<i>`), a points
 *   multiplier onto `pointsBoost`; gift cards (and a coupon whose template is missing) are kept
 *   on the member as `pendingGifts` for the gift-card module, because the credit must not fail
 *   once the money is paid.
 *
 * It returns the member-document fields to write (plain values: the caller reads the member in
 * the same transaction, so setting them is exact) and writes the coupons and the code itself.
 */
import { versionAfterRecharge } from '../../domain/tiers'
import { boostAfterGift, couponId, issueCoupon, memberCodeCandidate } from '../../domain/members'
import { COLLECTIONS as C } from '../db/indexes'
import type { TxLike } from '../db/tx'
import { fault } from '../faults'
import type { CouponDoc, MemberCodeDoc, MemberDoc, OrderDoc, PendingGift, StoredBoost } from '../collections'
import type { MerchantSettings } from '../merchant'
import { netRechargedOf, ownTier, tierSettingsOf } from './terms'

const CODE_ATTEMPTS = 20

/** The member's code: theirs if set, else the first free candidate, reserved in `member_codes`. */
async function reserveMemberCode(t: TxLike, openid: string, at: Date): Promise<string> {
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const code = memberCodeCandidate(openid, attempt)
    const { data } = await t.collection(C.memberCodes).doc<MemberCodeDoc>(code).get()
    if (data && data.openid !== openid) continue
    // two first credits taking one code at once: `add` fails on the duplicate _id, the loser reruns and skips it
    if (!data) await t.collection(C.memberCodes).add({ data: { _id: code, openid, createdAt: at } })
    return code
  }
  throw new Error(`no free member code after ${CODE_ATTEMPTS} attempts`)
}

export async function creditMembership(t: TxLike, order: OrderDoc, member: MemberDoc | null, settings: MerchantSettings | null, at: Date): Promise<Record<string, unknown>> {
  const ts = tierSettingsOf(settings)
  const netRecharged = netRechargedOf(member) + order.pay
  const version = versionAfterRecharge({ acceptedVersion: member?.termsVersion ?? null }, ts.current)
  const fields: Record<string, unknown> = { netRecharged, termsVersion: version }
  const tier = ownTier(ts, netRecharged, version)
  if (tier !== undefined) fields.tier = tier
  if (!member?.memberCode) fields.memberCode = await reserveMemberCode(t, order.openid, at)

  const templates = new Map((settings?.couponTemplates ?? []).map((x) => [x.id, x]))
  const pending: PendingGift[] = []
  let boost: StoredBoost | null | undefined = member?.pointsBoost
  let n = 0
  for (const gift of order.gifts ?? []) {
    if (gift.kind === 'coupon') {
      const template = templates.get(gift.templateId)
      if (!template) {
        pending.push({ outTradeNo: order._id, gift, reason: `coupon template ${gift.templateId} is not in settings.couponTemplates`, at })
        continue
      }
      for (let k = 0; k < gift.count; k++) {
        const c = issueCoupon(template, couponId(order._id, n++), at)
        const doc: CouponDoc = {
          _id: c.id,
          openid: order.openid,
          templateId: template.id,
          title: c.title,
          threshold: c.threshold,
          off: c.off,
          stores: c.stores === 'all' ? 'all' : [...c.stores],
          startsAt: c.startsAt,
          endsAt: c.endsAt,
          usedAt: null,
          paymentId: null,
          voidedAt: null,
          sourceOrder: order._id,
          createdAt: at
        }
        const { _id, ...data } = doc
        await t.collection(C.coupons).add({ data: { _id, ...data } })
        fault('credit:coupon')
      }
    } else if (gift.kind === 'points_multiplier') {
      boost = boostAfterGift(boost, gift, order._id, at)
    } else {
      pending.push({ outTradeNo: order._id, gift, reason: 'gift cards are issued by the gift-card module (not built yet)', at })
    }
  }
  if (boost !== member?.pointsBoost) fields.pointsBoost = boost
  if (pending.length) fields.pendingGifts = [...(member?.pendingGifts ?? []), ...pending]
  return fields
}
