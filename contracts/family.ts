import { z } from 'zod'
import { defineContract } from './define'
import { money, type Fen } from './money'

/** A member of a family as the app names it: a random id, never the member's openid. */
const memberId = z.string().regex(/^fm_[0-9a-f]{8,32}$/, '没有找到这位家人，请刷新后重试')
/** The share link's token (random, 32 hex characters). */
const token = z.string().regex(/^[0-9a-f]{32}$/, '邀请链接无效，请让家人重新分享')
/** How the owner or a member is called in the family ("妈妈"): shown to the other side only. */
const name = z.string().trim().min(1, '请填写称呼').max(12, '称呼最多12个字')

/** Cloud function `family`: share the stored balance with family members (issue 10). */
export const familyEvent = z.discriminatedUnion('action', [
  /** the owner makes a share link; `name` is how members will see the owner (default 家人) */
  z.strictObject({ action: z.literal('invite'), name: name.optional() }),
  /** the invited member joins; `name` is how the owner will see them (default 家人N) */
  z.strictObject({ action: z.literal('accept'), token, name: name.optional() }),
  z.strictObject({ action: z.literal('list') }),
  /** a monthly limit in fen for one member; null = no limit (the owner's balance is the limit) */
  z.strictObject({ action: z.literal('setLimit'), memberId, limit: money.nullable() }),
  z.strictObject({ action: z.literal('remove'), memberId }),
  z.strictObject({ action: z.literal('leave') })
])

export interface FamilyInvite {
  token: string
  /** the page the share card opens: the join page with the token */
  path: string
  /** ISO instant; a link is refused after it, or once used */
  expiresAt: string
}

/** One payment a family member made from the owner's balance. */
export interface FamilyPaymentView {
  paymentId: string
  storeName: string
  amount: Fen
  charged: Fen
  /** ISO instant */
  paidAt: string
}

export interface FamilyMemberView {
  memberId: string
  name: string
  /** monthly limit in fen; null = no limit */
  limit: Fen | null
  /** charged this calendar month (Asia/Shanghai) */
  spentThisMonth: Fen
  /** ISO instant */
  joinedAt: string
  /** newest first, at most 10 */
  recent: FamilyPaymentView[]
}

/** What `list` answers: the owner's family, the family the caller belongs to, or neither. */
export type FamilyView =
  | { role: 'owner'; name: string; maxMembers: number; members: FamilyMemberView[] }
  | {
      role: 'member'
      /** how the owner is called in the family */
      ownerName: string
      /** the caller's own name in the family */
      name: string
      limit: Fen | null
      spentThisMonth: Fen
      /** what the caller may still pay this month: the rest of the limit, or the owner's balance (whichever is less) */
      left: Fen
    }
  | { role: 'none'; maxMembers: number }

export interface FamilyResults {
  invite: FamilyInvite
  accept: FamilyView
  list: FamilyView
  setLimit: FamilyView
  remove: FamilyView
  leave: FamilyView
}

export const familyContract = defineContract<FamilyResults>()('family', familyEvent)
export type FamilyEvent = z.input<typeof familyEvent>
