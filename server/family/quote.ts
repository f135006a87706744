import type { Fen } from '../../domain/money'
import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import { familyId, type FamilyDoc } from './docs'
import { notMember, readFamilyLink } from './pay'
import { limitLeft } from './rules'

/** checkout.quote with payFrom 'family': whose balance prices the bill, and what the limit leaves. */
export async function familyQuoteWallet(openid: string): Promise<{ owner: string; view: { ownerName: string; left: Fen | null } }> {
  const link = await readFamilyLink(openid)
  const { data } = link ? await database().collection(C.family).doc(familyId(link.owner)).get() : { data: null }
  const family = data as FamilyDoc | null
  const entry = family?.members.find((m) => m.openid === openid)
  if (!family || !entry) throw notMember()
  return { owner: family.owner, view: { ownerName: family.name, left: limitLeft(entry, now()) } }
}
