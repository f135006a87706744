/** A valid 充值免单 rule for tests, overridden per test. Not used by product code. */
import { fen } from '../money'
import type { FreeBillRule } from './free-bill'

export const freeRule = (over: Partial<FreeBillRule> = {}): FreeBillRule => ({
  id: 'fb5',
  active: true,
  multiple: 5,
  minBill: fen(1_000),
  maxBill: fen(50_000),
  stores: 'all',
  storeBudget: fen(100_000),
  perMemberLimit: 1,
  ...over
})
