/**
 * The two checkout answers, composed from the one price (price.ts), the spend plan (spend.ts) and
 * the recommendation (offers/recommend.ts), so the cloud function only loads data and persists:
 *
 * - `quoteBill`: what this bill costs from the balance, the balance, and what recharging now gives;
 * - `payBill`: the price and the lots drawn, or a refusal that changes nothing.
 *
 * Both price the bill with the same call, so a member is charged what the quote showed for the
 * same tier, coupon and balance.
 */
import { add, ZERO, type Fen } from '../money'
import { DEFAULT_SPEND_POLICY, lotTotals, type LotBalance, type SpendPolicy } from '../lots'
import { recommendForBill, type BillOffer, type BillRecommendationInput } from '../offers/recommend'
import type { BalanceParts } from '../offers/types'
import { priceBill, type BillInput, type BillPrice } from './price'
import { planBillSpend, planMixedSpend, type BillSpend } from './spend'
import type { CheckoutResult } from './types'

export interface BillQuote extends BillPrice {
  balance: BalanceParts & { total: Fen }
  recommendations: BillOffer[]
}

export function quoteBill(bill: BillInput, recommend: Omit<BillRecommendationInput, 'bill' | 'balance'>): CheckoutResult<BillQuote> {
  const price = priceBill(bill)
  if (!price.ok) return price
  const recommendations = recommendForBill({ ...recommend, bill: { amount: bill.amount, coupon: bill.coupon }, balance: bill.balance })
  return { ok: true, data: { ...price.data, balance: { ...bill.balance, total: add(bill.balance.principal, bill.balance.bonus) }, recommendations } }
}

export interface PaidBill {
  price: BillPrice
  spend: BillSpend
  /** what WeChat Pay collects (`rest: 'wechat'` only; 0 when the balance covers the bill) */
  wechat: Fen
}

/**
 * The balance is read from the lots themselves, so the price and the draws see the same money.
 * With `rest: 'wechat'` a balance short of the payable is not refused: it pays what it holds and
 * `wechat` is the rest (a mixed payment).
 */
export function payBill(
  bill: Omit<BillInput, 'balance'>,
  lots: readonly LotBalance[],
  policy: SpendPolicy = DEFAULT_SPEND_POLICY,
  rest?: 'wechat'
): CheckoutResult<PaidBill> {
  const price = priceBill({ ...bill, balance: lotTotals(lots) })
  if (!price.ok) return price
  if (rest === 'wechat') {
    const mixed = planMixedSpend(lots, price.data.payable, policy)
    return { ok: true, data: { price: price.data, spend: mixed.balance, wechat: mixed.wechat } }
  }
  const spend = planBillSpend(lots, price.data.payable, policy)
  if (!spend.ok) return { ok: false, error: spend.error }
  return { ok: true, data: { price: price.data, spend: spend.data, wechat: ZERO } }
}
