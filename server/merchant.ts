import type { Campaign, OfferSettings, Plan } from '../domain/offers/types'
import { DEFAULT_SPEND_POLICY, type SpendPolicy } from '../domain/lots'
import type { TierTerms } from '../domain/tiers'
import type { CouponTemplate } from '../domain/members'
import type { LiabilityLimits } from '../domain/ledger/statement'
import type { FreeBillRule } from '../domain/offers/free-bill'
import { DEFAULT_REFUND_POLICY, type RefundPolicy } from '../domain/refunds'
import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import { AppError } from './errors'

/** The merchant's settings document: one per deployment. */
export const SETTINGS_ID = 'merchant'

export interface MerchantSettings {
  name: string
  offers: OfferSettings
  agreement: { version: string; text: string }
  /** how long an unpaid recharge order stays open (WeChat's time_expire) */
  orderTtlMinutes: number
  /** how a bill paid from the balance draws on principal and bonus, and which lot first (D2); default proportional, FIFO */
  spendPolicy?: SpendPolicy
  /** family sharing (server/family/docs.ts): members per owner (default 4), hours a share link lasts (default 24) */
  family?: { maxMembers?: number; inviteHours?: number }
  /** 充值免单 rules (domain/offers/free-bill.ts); none = not offered */
  freeBills?: FreeBillRule[]
  /** every published version of the tier terms (kept while a member holds one) and the one new members accept (server/members/terms.ts) */
  tiers?: TierSettings
  /** what a recharge's `coupon` gift issues, by templateId */
  couponTemplates?: CouponTemplate[]
  /** points per whole yuan paid from the balance; default 1 */
  points?: { perYuan: number }
  /** the liability report's thresholds (domain rules A8, A9, C2) and dormancy; absent = no alerts */
  alerts?: LiabilityLimits
  /** refund policy (docs/refunds.md); default DEFAULT_REFUND_SETTINGS */
  refund?: RefundSettings
}

export interface TierSettings {
  current: string
  versions: TierTerms[]
}

/** How the merchant refunds stored value: the domain policy, and what a cashier may approve alone. */
export interface RefundSettings extends RefundPolicy {
  /** fen: a cashier may start and approve refunds up to this cash amount (demo ¥500) */
  cashierApproveMax: number
}

export const DEFAULT_REFUND_SETTINGS: RefundSettings = { ...DEFAULT_REFUND_POLICY, cashierApproveMax: 50_000 }

export const refundSettingsOf = (s: Pick<MerchantSettings, 'refund'> | null): RefundSettings => ({ ...DEFAULT_REFUND_SETTINGS, ...(s?.refund ?? {}) })

export const spendPolicyOf = (s: Pick<MerchantSettings, 'spendPolicy'>): SpendPolicy => s.spendPolicy ?? DEFAULT_SPEND_POLICY

export interface Store {
  id: string
  name: string
}

export async function loadSettings(): Promise<MerchantSettings> {
  const { data } = await database().collection(C.settings).doc(SETTINGS_ID).get()
  if (!data) throw new AppError('INTERNAL', '商户尚未配置')
  return data as MerchantSettings
}

export async function loadStore(id: string): Promise<Store> {
  const { data } = await database().collection(C.stores).doc(id).get()
  if (!data) throw new AppError('STORE_NOT_FOUND', '没有找到这家门店，请返回重新选择门店')
  return { id, name: (data as { name: string }).name }
}

/** Plans and campaigns are small per merchant: one page of 100 each. */
export async function loadOffers(): Promise<{ plans: Plan[]; campaigns: Campaign[] }> {
  const db = database()
  const [plans, campaigns] = await Promise.all([
    db.collection(C.plans).where({ active: true }).limit(100).get(),
    db.collection(C.campaigns).where({ active: true }).limit(100).get()
  ])
  return { plans: plans.data as Plan[], campaigns: campaigns.data as Campaign[] }
}

/** How many credited recharges used each campaign, for this member. */
export async function campaignUses(openid: string): Promise<Record<string, number>> {
  const { data } = await database().collection(C.campaignUses).where({ openid }).limit(100).get()
  const out: Record<string, number> = {}
  for (const u of data as Array<{ campaignId: string; count: number }>) out[u.campaignId] = u.count
  return out
}
