/**
 * How a family is stored, in the one `family` collection (ids say what a document is):
 *
 * - `f:<owner openid>`: the family. Its members are an array on it (at most settings.family.maxMembers,
 *   default 4), so joining, removing, limits and every family payment write this one document:
 *   concurrent transactions on one family conflict on it and run one after another, which is what
 *   keeps the member count and the monthly limits exact.
 * - `m:<member openid>`: the member's link to the family they joined. Its `_id` makes "one family
 *   per member" a fact of the database, and lets checkout find the owner with one read.
 * - `i:<token>`: a share link. Used once, until it expires.
 *
 * The app never sees an openid: members are named by a random `memberId`.
 */
import { randomBytes } from 'crypto'
import type { TxLike } from '../db/tx'
import { COLLECTIONS as C } from '../db/indexes'
import type { MonthSpend } from './rules'

export interface FamilyMemberEntry extends MonthSpend {
  memberId: string
  openid: string
  name: string
  /** monthly limit in fen; null = no limit */
  limit: number | null
  joinedAt: Date
}

export interface FamilyDoc {
  _id: string
  kind: 'family'
  owner: string
  /** how members see the owner */
  name: string
  members: FamilyMemberEntry[]
  createdAt: Date
}

export interface FamilyLinkDoc {
  _id: string
  kind: 'link'
  openid: string
  owner: string
  memberId: string
  joinedAt: Date
}

export interface FamilyInviteDoc {
  _id: string
  kind: 'invite'
  owner: string
  /** the owner's name in the family, as they typed it when sharing */
  name: string
  expiresAt: Date
  usedBy: string | null
  usedAt: Date | null
  createdAt: Date
}

export const familyId = (owner: string) => `f:${owner}`
export const linkId = (openid: string) => `m:${openid}`
export const inviteId = (token: string) => `i:${token}`

export const newToken = () => randomBytes(16).toString('hex')
export const newMemberId = () => `fm_${randomBytes(8).toString('hex')}`

/** The merchant's family settings (settings.family), with their defaults. */
export interface FamilySettings {
  /** members an owner may have at once */
  maxMembers: number
  /** how long a share link may be accepted */
  inviteHours: number
}
export const DEFAULT_FAMILY: FamilySettings = { maxMembers: 4, inviteHours: 24 }

export function familySettingsOf(s: { family?: Partial<FamilySettings> } | null): FamilySettings {
  return { ...DEFAULT_FAMILY, ...(s?.family ?? {}) }
}

/** The three documents, read inside a transaction. */
export const familyDocs = (t: TxLike) => ({
  family: (owner: string) => t.collection(C.family).doc<FamilyDoc>(familyId(owner)),
  link: (openid: string) => t.collection(C.family).doc<FamilyLinkDoc>(linkId(openid)),
  invite: (token: string) => t.collection(C.family).doc<FamilyInviteDoc>(inviteId(token))
})
