import { z } from 'zod'
import { defineContract } from './define'
import type { Fen } from './money'
import type { HistoryItem, HistoryPage, TierView, WalletBalance } from './api'

/** Cloud function `wallet`: what a member sees of their own stored value. */
export const walletEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('balance') }),
  z.strictObject({
    action: z.literal('history'),
    /** the creation time (ms) of the previous page's last item */
    cursor: z.string().regex(/^\d{1,15}$/).optional(),
    limit: z.number().int().min(1).max(50).default(20)
  }),
  z.strictObject({ action: z.literal('entry'), id: z.string().min(1).max(100) }),
  z.strictObject({ action: z.literal('member') }),
  /** the member accepts the current tier terms (the version they were shown) */
  z.strictObject({ action: z.literal('acceptTerms'), version: z.string().min(1).max(40) }),
  z.strictObject({ action: z.literal('coupons') }),
  z.strictObject({ action: z.literal('points'), cursor: z.string().regex(/^\d{1,15}$/).optional() }),
  /** the code WeChat's phone button (open-type getPhoneNumber) gave the page: staff then find the member by phone */
  z.strictObject({ action: z.literal('bindPhone'), code: z.string().min(1).max(256) })
])

/** The member page: tier, benefits, progress, and what accepting newer terms would change. */
export interface MemberView {
  tier: TierView | null
  benefits: string[]
  /** the tier's discount (9折), 无折扣 without a tier */
  discountLabel: string
  next: { name: string; threshold: Fen; needed: Fen } | null
  /** principal recharged minus principal refunded; bonus never counts */
  netRecharged: Fen
  /** the terms version the tier is computed under; null before the first recharge */
  termsVersion: string | null
  /** newer terms the member has not accepted: their tier under them, and what changes, in Chinese */
  pendingTerms: { version: string; tier: TierView | null; changes: string } | null
  /** 8 digits to read out to staff; null before the first recharge */
  memberCode: string | null
}

export interface WalletCoupon {
  id: string
  title: string
  off: Fen
  threshold: Fen
  storeIds: string[] | 'all'
  startsAt: string
  endsAt: string
  state: 'usable' | 'used' | 'expired' | 'not_started'
}

export interface PointsPage {
  balance: number
  /** an active multiplier from a recharge gift: 2 = 双倍积分; until null = open-ended */
  multiplier: { times: number; until: string | null } | null
  items: Array<{ id: string; delta: number; reason: string; createdAt: string }>
  nextCursor: string | null
}

export interface WalletResults {
  balance: WalletBalance
  history: HistoryPage
  entry: HistoryItem
  member: MemberView
  acceptTerms: MemberView
  coupons: { coupons: WalletCoupon[] }
  points: PointsPage
  /** the number bound, masked (138****0001) */
  bindPhone: { phone: string }
}

export const walletContract = defineContract<WalletResults>()('wallet', walletEvent)
export type WalletEvent = z.input<typeof walletEvent>
