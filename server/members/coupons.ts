/**
 * Issued coupons as checkout and the wallet see them. A coupon belongs to one member: anyone
 * else's, or an id that does not exist, reads as "not in your wallet" (ids must not reveal other
 * members' coupons).
 */
import type { Coupon } from '../../domain/checkout'
import { fen } from '../../domain/money'
import { isWithin } from '../../domain/time'
import type { WalletCoupon } from '../../contracts/wallet'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { AppError } from '../errors'
import type { TxLike } from '../db/tx'
import type { CouponDoc } from '../collections'

export const notYours = () => new AppError('COUPON_NOT_APPLICABLE', '这张券不在您的卡包中，请重新选择')

/** The domain's coupon: a used or voided one carries `usedAt`, so it never applies. */
export function asCoupon(d: CouponDoc): Coupon {
  const gone = d.usedAt ?? d.voidedAt
  return { id: d._id, title: d.title, threshold: fen(d.threshold), off: fen(d.off), stores: d.stores, startsAt: d.startsAt, endsAt: d.endsAt, usedAt: gone ? new Date(gone).toISOString() : null }
}

function owned(d: CouponDoc | null, openid: string): CouponDoc {
  if (!d || d.openid !== openid) throw notYours()
  return d
}

/** Inside the paying transaction: read once, so two payments with one coupon serialise on it. */
export async function couponInTx(t: TxLike, openid: string, couponId: string): Promise<CouponDoc> {
  return owned((await t.collection(C.coupons).doc<CouponDoc>(couponId).get()).data, openid)
}

/** For a quote: not money, read outside any transaction. */
export async function readCoupon(openid: string, couponId: string): Promise<CouponDoc> {
  return owned(((await database().collection(C.coupons).doc(couponId).get()).data as CouponDoc | null) ?? null, openid)
}

export function couponState(d: CouponDoc, now: Date): WalletCoupon['state'] {
  if (d.usedAt) return 'used'
  if (!isWithin(now, d.startsAt, null)) return 'not_started'
  if (!isWithin(now, null, d.endsAt)) return 'expired'
  return 'usable'
}

/** wallet.coupons: the member's coupons (voided ones left out), usable first, each by its end. */
export async function walletCoupons(openid: string, now: Date): Promise<{ coupons: WalletCoupon[] }> {
  const { data } = await database().collection(C.coupons).where({ openid }).orderBy('endsAt', 'desc').limit(100).get()
  const order: Record<WalletCoupon['state'], number> = { usable: 0, not_started: 1, used: 2, expired: 3 }
  const coupons = (data as CouponDoc[])
    .filter((d) => !d.voidedAt)
    .map((d) => ({
      id: d._id,
      title: d.title,
      off: fen(d.off),
      threshold: fen(d.threshold),
      storeIds: d.stores,
      startsAt: d.startsAt,
      endsAt: d.endsAt,
      state: couponState(d, now)
    }))
    .sort((a, b) => order[a.state] - order[b.state] || (a.endsAt < b.endsAt ? -1 : a.endsAt > b.endsAt ? 1 : a.id < b.id ? -1 : 1))
  return { coupons }
}
