/**
 * checkout's hook for `payFrom: 'family'`: whose wallet a bill is paid from, and the monthly limit.
 *
 * checkout.pay reads the payer's link (`m:<openid>`) with its early reads, outside the transaction:
 * it only names the owner. Inside the transaction `familyPayer` reads the owner's family document,
 * which is what decides: a member removed meanwhile is no longer on it (NOT_FAMILY_MEMBER). After
 * the bill is priced, `charge` checks the limit and writes this month's spending on the same
 * document, in the same transaction as the owner's balance, so 20 payments at once conflict on it,
 * run one after another, and together never pass the limit.
 */
import type { Fen } from '../../domain/money'
import { database } from '../cloud'
import { AppError } from '../errors'
import { COLLECTIONS as C } from '../db/indexes'
import type { TxLike } from '../db/tx'
import { familyDocs, linkId, type FamilyLinkDoc } from './docs'
import { chargeMonth } from './rules'

/** What the payment and its journal entry record of a family payment. */
export interface FamilyPayer {
  /** whose balance pays */
  owner: string
  /** the payer as the family names them */
  memberId: string
  name: string
  /** checks the limit for `charged` and records it; throws FAMILY_LIMIT_EXCEEDED and writes nothing when over */
  charge(charged: Fen, at: Date): Promise<void>
}

export const notMember = () => new AppError('NOT_FAMILY_MEMBER', '你不在家人的家庭中了，请用自己的余额付款')

/** The payer's link to a family, read outside the transaction (null: none). */
export async function readFamilyLink(openid: string): Promise<FamilyLinkDoc | null> {
  const { data } = await database().collection(C.family).doc(linkId(openid)).get()
  return (data as FamilyLinkDoc | null) ?? null
}

/** Inside the payment's transaction: the owner whose balance pays, or NOT_FAMILY_MEMBER. */
export async function familyPayer(t: TxLike, payer: string, link: FamilyLinkDoc | null): Promise<FamilyPayer> {
  if (!link) throw notMember()
  const d = familyDocs(t)
  const { data: family } = await d.family(link.owner).get()
  const entry = family?.members.find((m) => m.openid === payer)
  if (!family || !entry) throw notMember()
  return {
    owner: family.owner,
    memberId: entry.memberId,
    name: entry.name,
    async charge(charged, at) {
      const spent = chargeMonth(entry, charged, at)
      await d.family(family.owner).update({ data: { members: family.members.map((m) => (m === entry ? { ...m, ...spent } : m)) } })
    }
  }
}
