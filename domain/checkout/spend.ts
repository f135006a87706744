/**
 * What a bill draws from which lots. The drawing itself is domain/lots.ts `planSpend` (one
 * implementation of the merchant's split, D2); this module adds the checkout's two rules:
 *
 * - never partial: a balance that cannot cover the payable is INSUFFICIENT_BALANCE with the
 *   shortfall, and nothing is drawn;
 * - mixed payment (rest by WeChat Pay): the balance pays what it can, WeChat Pay the rest.
 *
 * `charged` is what leaves the balance; principal + bonus = charged, always.
 */
import { formatYuan, fen, sub, ZERO, type Fen } from '../money'
import { DEFAULT_SPEND_POLICY, lotTotals, planSpend, type Draw, type LotBalance, type SpendPolicy } from '../lots'
import { checkoutFail, type CheckoutFail } from './types'

export interface BillSpend {
  draws: Draw[]
  principal: Fen
  bonus: Fen
  charged: Fen
}

const NOTHING: BillSpend = { draws: [], principal: ZERO, bonus: ZERO, charged: ZERO }

function draw(lots: readonly LotBalance[], amount: Fen, policy: SpendPolicy): BillSpend {
  if (amount === 0) return NOTHING // a coupon covered the whole bill
  const plan = planSpend(lots, amount, policy)
  if (!plan.ok) throw new Error('planSpend refused an amount within the balance') // callers check first
  return { draws: plan.draws, principal: plan.principal, bonus: plan.bonus, charged: amount }
}

export type BillSpendResult = { ok: true; data: BillSpend } | (CheckoutFail<'INSUFFICIENT_BALANCE'> & { shortfall: Fen })

/** The whole payable from the balance, or nothing. */
export function planBillSpend(lots: readonly LotBalance[], payable: Fen, policy: SpendPolicy = DEFAULT_SPEND_POLICY): BillSpendResult {
  const t = lotTotals(lots)
  const available = t.principal + t.bonus
  if (available < payable) {
    const shortfall = fen(payable - available)
    return { ...checkoutFail('INSUFFICIENT_BALANCE', `余额不足，还差${formatYuan(shortfall)}`), shortfall }
  }
  return { ok: true, data: draw(lots, payable, policy) }
}

export interface MixedSpend {
  balance: BillSpend
  /** the part a WeChat Pay order collects; 0 when the balance covers the bill */
  wechat: Fen
}

/** Balance first, up to what it holds; the rest by WeChat Pay (issue 10, `rest: 'wechat'`). */
export function planMixedSpend(lots: readonly LotBalance[], payable: Fen, policy: SpendPolicy = DEFAULT_SPEND_POLICY): MixedSpend {
  const t = lotTotals(lots)
  const fromBalance = fen(Math.min(payable, t.principal + t.bonus))
  return { balance: draw(lots, fromBalance, policy), wechat: sub(payable, fromBalance) }
}
