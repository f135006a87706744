/**
 * checkout.quote: what a bill costs from the balance, the balance, and the recharges that would
 * pay it or save on it. The same domain price as `pay` (domain/checkout/bill.ts), with the same
 * tier (the member's stored one) and coupon.
 */
import type { CheckoutQuote } from '../../contracts/checkout'
import { quoteBill, type BillLine } from '../../domain/checkout'
import { pointsFor } from '../../domain/members'
import { fen, type Fen } from '../../domain/money'
import { AppError } from '../errors'
import { offerContext } from '../recharge/offer'
import { spendPolicyOf } from '../merchant'
import { tierView } from '../tiers'
import { asCoupon, readCoupon } from '../members/coupons'
import { perYuanOf } from '../members/points'
import { heldTier, netRechargedOf, NO_TIERS, pricingTier, termsVersion, tierSettingsOf } from '../members/terms'
import { refuseLines } from './pay'
import { familyQuoteWallet } from '../family/quote'
import { freeBillForQuote } from '../bills/free'

export async function quoteCheckout(openid: string, req: { storeId: string; amount: Fen; couponId?: string; lines?: BillLine[]; payFrom?: 'own' | 'family' }): Promise<CheckoutQuote> {
  refuseLines(req)
  // a family member's bill is priced on the owner's wallet (server/family/quote.ts); a coupon is the payer's own
  const family = req.payFrom === 'family' ? await familyQuoteWallet(openid) : null
  const [c, coupon] = await Promise.all([offerContext(family?.owner ?? openid, req.storeId), req.couponId ? readCoupon(openid, req.couponId) : null])
  // 充值免单 (server/bills/free.ts): not on a family bill, which gets no recommendations
  const freeBill = family ? null : await freeBillForQuote(c, openid)
  const ts = tierSettingsOf(c.settings)
  // a recharge is credited with lifting the tier under the terms the member holds (or the current ones before any)
  const terms = termsVersion(ts, c.doc?.termsVersion ?? ts.current) ?? NO_TIERS
  const tier = heldTier(c.doc, c.settings)
  const q = quoteBill(
    { amount: req.amount, tier: pricingTier(tier), coupon: coupon && asCoupon(coupon), balance: c.member.balance, storeId: c.storeId, now: c.member.now },
    { ctx: c.member, member: { terms, netRecharged: fen(netRechargedOf(c.doc)) }, offers: c.offers, order: spendPolicyOf(c.settings).order, freeBill }
  )
  if (!q.ok) throw new AppError(q.error.code, q.error.message)
  return {
    ...q.data,
    // a member cannot recharge into someone else's wallet: no recommendations on a family bill
    ...(family ? { recommendations: [], family: family.view } : {}),
    tier: tier ? tierView(tier) : null,
    pointsEarned: pointsFor(q.data.payable, perYuanOf(c.settings), c.doc?.pointsBoost, c.member.now)
  }
}
