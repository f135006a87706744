/**
 * The `family` cloud function's actions: an owner shares their stored balance with up to N family
 * members (settings.family.maxMembers, default 4) through a share link, sets each one a monthly
 * limit, sees what each paid, and removes them; a member sees what they may still pay and leaves.
 * Every change is one transaction on the family document (docs.ts), so a race between two joins,
 * a removal and a payment cannot leave the family over its size or a removed member paying.
 */
import type { FamilyInvite, FamilyMemberView, FamilyPaymentView, FamilyView } from '../../contracts/family'
import { fen, type Fen } from '../../domain/money'
import { database } from '../cloud'
import { now } from '../clock'
import { AppError } from '../errors'
import { COLLECTIONS as C } from '../db/indexes'
import { transact } from '../db/tx'
import { loadSettings } from '../merchant'
import { asMember, memberBalance, readMemberDoc } from '../wallet'
import type { PaymentDoc } from '../collections'
import {
  familyDocs,
  familyId,
  familySettingsOf,
  inviteId,
  linkId,
  newMemberId,
  newToken,
  type FamilyDoc,
  type FamilyInviteDoc,
  type FamilyLinkDoc,
  type FamilyMemberEntry
} from './docs'
import { limitLeft, spentIn } from './rules'

/** The page a share card opens (src/packages/family/pages/join). */
export const JOIN_PATH = '/packages/family/pages/join/index'
const DEFAULT_OWNER_NAME = '家人'
const HOUR_MS = 60 * 60 * 1000

const maxMembers = async () => familySettingsOf(await loadSettings()).maxMembers

/** invite: a share link for the owner's family. The owner must be a member (储值即会员). */
export async function invite(openid: string, name: string | undefined): Promise<FamilyInvite> {
  const db = database()
  const [doc, settings, family, link] = await Promise.all([
    readMemberDoc(openid),
    loadSettings(),
    db.collection(C.family).doc(familyId(openid)).get(),
    db.collection(C.family).doc(linkId(openid)).get()
  ])
  // one role per person: a member pays from someone else's balance, so they cannot share one too
  if (link.data) throw new AppError('ALREADY_IN_FAMILY', '你已加入家人的家庭，退出后才能邀请家人')
  if (!asMember(doc)) throw new AppError('MEMBERSHIP_REQUIRED', '充值成为会员后才能邀请家人')
  const { maxMembers: max, inviteHours } = familySettingsOf(settings)
  const members = (family.data as FamilyDoc | null)?.members.length ?? 0
  // checked again when the link is accepted; refusing here saves a share that cannot work
  if (members >= max) throw new AppError('FAMILY_FULL', `家庭成员已满${max}人，请先移除一位家人`)
  const at = now()
  const token = newToken()
  const expiresAt = new Date(at.getTime() + inviteHours * HOUR_MS)
  const inv: FamilyInviteDoc = { _id: inviteId(token), kind: 'invite', owner: openid, name: name ?? DEFAULT_OWNER_NAME, expiresAt, usedBy: null, usedAt: null, createdAt: at }
  const { _id, ...fields } = inv
  await db.collection(C.family).add({ data: { _id, ...fields } })
  return { token, path: `${JOIN_PATH}?token=${token}`, expiresAt: expiresAt.toISOString() }
}

/** accept: the caller joins the family of the link's owner. */
export async function accept(openid: string, token: string, name: string | undefined): Promise<FamilyView> {
  const max = await maxMembers()
  await transact(database(), async (t) => {
    const d = familyDocs(t)
    const { data: inv } = await d.invite(token).get()
    const at = now()
    if (!inv) throw new AppError('INVITE_INVALID', '邀请链接无效，请让家人重新分享')
    if (inv.owner === openid) throw new AppError('INVITE_INVALID', '这是你自己的邀请，请分享给家人')
    if (inv.usedBy === openid) return // a retry of this accept: already joined
    if (inv.usedBy) throw new AppError('INVITE_INVALID', '该邀请已被使用，请让家人重新分享')
    if (at.getTime() >= new Date(inv.expiresAt).getTime()) throw new AppError('INVITE_INVALID', '邀请已过期，请让家人重新分享')
    const { data: link } = await d.link(openid).get()
    if (link) throw new AppError('ALREADY_IN_FAMILY', '你已加入一个家庭，请先退出再加入')
    const { data: own } = await d.family(openid).get()
    if (own?.members.length) throw new AppError('ALREADY_IN_FAMILY', '你已邀请了家人，不能再加入其他家庭')
    const { data: family } = await d.family(inv.owner).get()
    const members = family?.members ?? []
    if (members.length >= max) throw new AppError('FAMILY_FULL', `家庭成员已满${max}人，请让家人先移除一位成员`)
    const entry: FamilyMemberEntry = { memberId: newMemberId(), openid, name: name ?? `家人${members.length + 1}`, limit: null, month: '', spent: 0, joinedAt: at }
    const next: Omit<FamilyDoc, '_id'> = { kind: 'family', owner: inv.owner, name: inv.name, members: [...members, entry], createdAt: family?.createdAt ?? at }
    await d.family(inv.owner).set({ data: next })
    const linkDoc: Omit<FamilyLinkDoc, '_id'> = { kind: 'link', openid, owner: inv.owner, memberId: entry.memberId, joinedAt: at }
    await d.link(openid).set({ data: linkDoc })
    await d.invite(token).update({ data: { usedBy: openid, usedAt: at } })
  })
  return list(openid)
}

const iso = (d: Date) => new Date(d).toISOString()

function paymentView(p: PaymentDoc): FamilyPaymentView {
  return { paymentId: p._id, storeName: p.storeName, amount: fen(p.amount), charged: fen(p.charged), paidAt: iso(p.createdAt) }
}

/** The owner's view: each member, their limit, this month's spending and their latest payments. */
async function ownerView(family: FamilyDoc, max: number): Promise<FamilyView> {
  const at = now()
  // one query for the family's latest payments; enough for the page's "recent" lists of ≤ N members
  const { data } = await database().collection(C.payments).where({ owner: family.owner, paidBy: 'family' }).orderBy('createdAt', 'desc').limit(50).get()
  const payments = data as PaymentDoc[]
  const members: FamilyMemberView[] = family.members.map((m) => ({
    memberId: m.memberId,
    name: m.name,
    limit: m.limit === null ? null : fen(m.limit),
    spentThisMonth: spentIn(m, at),
    joinedAt: iso(m.joinedAt),
    recent: payments.filter((p) => p.openid === m.openid).slice(0, 10).map(paymentView)
  }))
  return { role: 'owner', name: family.name, maxMembers: max, members }
}

/** A member's view: whose family, their limit, and what they may still pay this month. */
async function memberView(family: FamilyDoc, entry: FamilyMemberEntry): Promise<FamilyView> {
  const at = now()
  const owner = memberBalance(await readMemberDoc(family.owner))
  const balance: Fen = fen(owner.principal + owner.bonus)
  const left = limitLeft(entry, at)
  return {
    role: 'member',
    ownerName: family.name,
    name: entry.name,
    limit: entry.limit === null ? null : fen(entry.limit),
    spentThisMonth: spentIn(entry, at),
    left: fen(left === null ? balance : Math.min(left, balance))
  }
}

/** list: the caller's family as owner, as member, or neither. */
export async function list(openid: string): Promise<FamilyView> {
  const db = database()
  const [own, link, max] = await Promise.all([db.collection(C.family).doc(familyId(openid)).get(), db.collection(C.family).doc(linkId(openid)).get(), maxMembers()])
  const family = own.data as FamilyDoc | null
  if (family?.members.length) return ownerView(family, max)
  const l = link.data as FamilyLinkDoc | null
  if (l) {
    const { data } = await db.collection(C.family).doc(familyId(l.owner)).get()
    const theirs = data as FamilyDoc | null
    const entry = theirs?.members.find((m) => m.openid === openid)
    if (theirs && entry) return memberView(theirs, entry)
  }
  // an owner whose members all left still sees their (empty) family, to invite again
  if (family) return ownerView(family, max)
  return { role: 'none', maxMembers: max }
}

/** Changes one member of the caller's own family, in one transaction on the family document. */
async function changeMember(owner: string, memberId: string, change: (family: FamilyDoc, entry: FamilyMemberEntry, t: ReturnType<typeof familyDocs>) => Promise<void>) {
  await transact(database(), async (t) => {
    const d = familyDocs(t)
    const { data: family } = await d.family(owner).get()
    // another family's member id reads as missing: ids must not reveal other families
    const entry = family?.members.find((m) => m.memberId === memberId)
    if (!family || !entry) throw new AppError('NOT_FOUND', '没有找到这位家人，请刷新后重试')
    await change(family, entry, d)
  })
}

/** setLimit: the owner sets one member's monthly limit (null: none). This month's spending counts against it at once. */
export async function setLimit(owner: string, memberId: string, limit: Fen | null): Promise<FamilyView> {
  await changeMember(owner, memberId, async (family, entry, d) => {
    await d.family(owner).update({ data: { members: family.members.map((m) => (m === entry ? { ...m, limit } : m)) } })
  })
  return list(owner)
}

/** Takes `entry` out of `family` and deletes their link, in the caller's transaction. */
async function part(d: ReturnType<typeof familyDocs>, family: FamilyDoc, entry: FamilyMemberEntry) {
  await d.family(family.owner).update({ data: { members: family.members.filter((m) => m !== entry) } })
  await d.link(entry.openid).remove()
}

/** remove: the owner takes a member out; their next family payment is refused. Past payments stay on record. */
export async function remove(owner: string, memberId: string): Promise<FamilyView> {
  await changeMember(owner, memberId, (family, entry, d) => part(d, family, entry))
  return list(owner)
}

/** leave: a member leaves the family they joined. */
export async function leave(openid: string): Promise<FamilyView> {
  await transact(database(), async (t) => {
    const d = familyDocs(t)
    const { data: link } = await d.link(openid).get()
    if (!link) throw new AppError('NOT_FAMILY_MEMBER', '你还没有加入家庭')
    const { data: family } = await d.family(link.owner).get()
    const entry = family?.members.find((m) => m.openid === openid)
    if (!family || !entry) {
      await d.link(openid).remove() // a link whose family no longer lists the member: only the link is left to undo
      return
    }
    await part(d, family, entry)
  })
  return list(openid)
}
