/**
 * checkout.quote: what a bill costs from the balance, the balance, and the recharges that would
 * pay it or save on it. The same domain price as `pay` (domain/checkout/bill.ts).
 */
import type { CheckoutQuote } from '../../contracts/checkout'
import { quoteBill } from '../../domain/checkout'
import type { TierTerms } from '../../domain/tiers'
import { fen, type Fen } from '../../domain/money'
import { AppError } from '../errors'
import { offerContext } from '../recharge/offer'
import { spendPolicyOf } from '../merchant'

/**
 * No tier terms are stored yet, and the member document has no accepted version (docs/checkout.md):
 * the domain cannot compute a tier from member data, so bills are priced without one and no
 * recharge is credited with lifting a tier.
 */
const NO_TIERS: TierTerms = { version: 'none', tiers: [] }

export async function quoteCheckout(openid: string, storeId: string, amount: Fen): Promise<CheckoutQuote> {
  const c = await offerContext(openid, storeId)
  const q = quoteBill(
    { amount, tier: null, coupon: null, balance: c.member.balance, storeId: c.storeId, now: c.member.now },
    { ctx: c.member, member: { terms: NO_TIERS, netRecharged: fen(c.doc?.rechargedTotal ?? 0) }, offers: c.offers, order: spendPolicyOf(c.settings).order }
  )
  if (!q.ok) throw new AppError(q.error.code, q.error.message)
  return q.data
}
