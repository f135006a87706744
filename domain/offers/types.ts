/**
 * The data a merchant states about recharge offers (plans, custom amounts, campaigns, caps) and
 * the quote computed from it. Every amount is integer fen; every instant an ISO string with an
 * offset (write them with `toShanghaiISO`, so that stored instants also sort as strings).
 */
import type { ErrorCode } from '../../contracts/result'
import type { Fen } from '../money'

/** Online orders (the mini-program without a store context) use this store id. */
export const ONLINE_STORE_ID = 'online'

/** 'all', or the listed store ids ('online' included when online recharge is allowed). */
export type StoreScope = 'all' | readonly string[]

export type Gift =
  | { kind: 'coupon'; templateId: string; title: string; count: number }
  /** factor is an integer percent: 200 = 2× points, 150 = 1.5×; for `days` after the recharge, or open-ended */
  | { kind: 'points_multiplier'; factor: number; days?: number }
  /** a gift card to be issued later; the gift-card module owns what the template means */
  | { kind: 'gift_card'; cardTemplateId: string; title: string }

/** One row of the tier table: pay `pay`, get `bonus` on top. */
export interface Plan {
  id: string
  title: string
  pay: Fen
  bonus: Fen
  gifts: readonly Gift[]
  stores: StoreScope
  /** inclusive; open when absent */
  startsAt?: string
  /** exclusive; open when absent */
  endsAt?: string
  active: boolean
  /** ascending; ties by id */
  sort: number
  /** e.g. 热卖 */
  tag?: string
}

/** How much bonus a custom amount earns. */
export type BonusRule =
  | { kind: 'none' }
  /** 每满 step 送 bonus: floor(amount / step) × bonus */
  | { kind: 'per_step'; step: Fen; bonus: Fen }
  /** the row with the highest `min` ≤ amount; nothing below the lowest row */
  | { kind: 'tiers'; tiers: readonly BonusTier[] }
  /** amount × bps / 10000, rounded down to the fen */
  | { kind: 'percent'; bps: number }

export interface BonusTier {
  min: Fen
  bonus: Fen
}

export interface CustomAmountRule {
  enabled: boolean
  /** inclusive */
  min: Fen
  /** inclusive */
  max: Fen
  bonus: BonusRule
}

export type CampaignEffect =
  /** basis points of the PAID amount, rounded down to the fen */
  | { kind: 'percent'; bps: number }
  | { kind: 'fixed'; bonus: Fen }
  /**
   * An extra gift. `value` is the merchant's own estimate in fen, used only to rank exclusive
   * campaigns against each other (default 0); it is never credited.
   */
  | { kind: 'gift'; gift: Gift; value?: Fen }

export interface CampaignScope {
  /** 'all' plans, or the listed plan ids ([] = no plans) */
  plans: 'all' | readonly string[]
  /** whether custom amounts qualify */
  custom: boolean
  stores: StoreScope
  /** only for someone who is not yet a member (ctx.isMember === false) */
  newMembersOnly: boolean
  /** the paid amount must be at least this */
  minPay?: Fen
}

export type Stacking = 'stack' | 'exclusive'

/** 限时活动. See docs/offers.md for the stacking rules. */
export interface Campaign {
  id: string
  title: string
  description?: string
  /** a merchant can pause a campaign without editing its window */
  active: boolean
  /** inclusive */
  startsAt: string
  /** exclusive */
  endsAt: string
  scope: CampaignScope
  effect: CampaignEffect
  /** uses per member, counted from credited recharges; absent = unlimited */
  perMemberLimit?: number
  stacking: Stacking
  /** only for 'exclusive'; exclusive campaigns without a group share the default group */
  exclusiveGroup?: string
  /** higher wins ties between exclusive campaigns of equal value */
  priority: number
  /** 'add': on top of the plan (or custom-rule) bonus; 'replace': the plan bonus is dropped while this applies */
  onPlanBonus: 'add' | 'replace'
}

export interface OfferSettings {
  custom: CustomAmountRule
  /** balance cap for registered members, fen (A3: 5,000元) */
  cap: Fen
  /** whether bonus counts toward the cap (A3 leaves it open; counting it is the conservative default) */
  capCountsBonus: boolean
  /** B2: merchant switch that stops new top-ups while the business is at risk */
  riskMode: boolean
}

/** What the member asked to buy. */
export type RechargeTarget =
  | { kind: 'plan'; planId: string; pay: Fen }
  | { kind: 'custom'; pay: Fen }

export interface QuoteContext {
  now: Date
  storeId: string
  /** already a member before this recharge */
  isMember: boolean
  /** credited recharges per campaign id for this member (pending orders too, if the caller wants them counted) */
  campaignUses: Readonly<Record<string, number>>
}

export interface Quote {
  planId: string | null
  pay: Fen
  /** the plan's or custom rule's bonus actually granted (0 when a 'replace' campaign applies) */
  planBonus: Fen
  campaignBonus: Fen
  /** planBonus + campaignBonus */
  bonus: Fen
  /** pay + bonus: what the balance grows by */
  credit: Fen
  /** plan gifts, then campaign gifts */
  gifts: Gift[]
  /** applied campaigns, highest priority first */
  campaignIds: string[]
}

export interface BalanceParts {
  principal: Fen
  bonus: Fen
}

/** The subset of contracts/result.ts codes this domain produces. */
export type OfferErrorCode = Extract<
  ErrorCode,
  'PLAN_NOT_AVAILABLE' | 'AMOUNT_OUT_OF_RANGE' | 'BALANCE_CAP_EXCEEDED' | 'TOPUP_SUSPENDED' | 'CAMPAIGN_LIMIT_REACHED'
>

/** Same shape as contracts' Fail, so a handler can return it as is. */
export interface OfferFail<C extends OfferErrorCode = OfferErrorCode> {
  ok: false
  error: { code: C; message: string }
}

export type OfferResult<T, C extends OfferErrorCode = OfferErrorCode> = { ok: true; data: T } | OfferFail<C>

export function fail<C extends OfferErrorCode>(code: C, message: string): OfferFail<C> {
  return { ok: false, error: { code, message } }
}
