import type { Balance, HistoryItem, HistoryKind, HistoryPage, WalletBalance } from '../contracts/api'
import { accounts } from '../domain/ledger'
import { fen, formatYuan, type Fen } from '../domain/money'
import { database } from './cloud'
import { AppError } from './errors'
import { COLLECTIONS as C } from './db/indexes'
import type { JournalDoc, MemberDoc } from './collections'
import { memberTierView } from './tiers'
import { SETTINGS_ID, type MerchantSettings } from './merchant'
import { heldTier } from './members/terms'

/** The member's principal and bonus (their two ledger accounts, kept on the member document). */
export function memberBalance(doc: Pick<MemberDoc, 'principal' | 'bonus'> | null): { principal: Fen; bonus: Fen } {
  return { principal: fen(doc?.principal ?? 0), bonus: fen(doc?.bonus ?? 0) }
}

export async function readBalance(openid: string): Promise<Balance> {
  const { principal, bonus } = memberBalance(await readMemberDoc(openid))
  return { principal, bonus, total: fen(principal + bonus) }
}

/** The customer's wallet document, member or not yet (it exists from their first order). */
export async function readMemberDoc(openid: string): Promise<MemberDoc | null> {
  const { data } = await database().collection(C.members).doc(openid).get()
  return (data as MemberDoc | null) ?? null
}

/** A member from their first credited recharge (储值即会员): null before. */
export const asMember = (doc: MemberDoc | null): MemberDoc | null => (doc?.memberSince ? doc : null)

export async function readMember(openid: string): Promise<MemberDoc | null> {
  return asMember(await readMemberDoc(openid))
}

export async function walletBalance(openid: string): Promise<WalletBalance> {
  const db = database()
  const [doc, staff, settings] = await Promise.all([readMemberDoc(openid), db.collection(C.staff).doc(openid).get(), db.collection(C.settings).doc(SETTINGS_ID).get()])
  const member = asMember(doc)
  const { principal, bonus } = memberBalance(doc)
  return {
    principal,
    bonus,
    total: fen(principal + bonus),
    isMember: !!member,
    memberSince: member?.memberSince ? new Date(member.memberSince).toISOString() : null,
    tier: memberTierView(member, heldTier(member, settings.data as MerchantSettings | null)),
    // the same staff list requireStaff checks: the home page shows the staff desk only to them
    isStaff: !!staff.data,
    merchantName: (settings.data as { name?: string } | null)?.name ?? null
  }
}

// a posting never changes, so the hold's title says what it did (value set aside), not a state the refund moves on from
const TITLES: Record<HistoryKind, string> = { recharge: '充值', spend: '消费', refund_hold: '申请退款，金额已冻结', refund: '退款', adjust: '调整' }

/**
 * A refund's postings, told apart by their ids (domain/ledger/refund.ts): the hold takes the
 * value out of the balance while the refund is in flight; the settle pays the cash out (the
 * balance no longer moves then, so the title carries the cash); a release gives it back; a
 * return puts a balance payment's value back.
 */
function refundTitle(j: JournalDoc, openid: string): { kind: HistoryKind; title: string } {
  if (j._id.startsWith('refund-hold:')) return { kind: 'refund_hold', title: TITLES.refund_hold }
  if (j._id.startsWith('refund-release:')) return { kind: 'refund', title: '退款未成功，已退回余额' }
  if (j._id.startsWith('return:')) return { kind: 'refund', title: '退货退回储值' }
  const held = accounts.memberRefundHold(openid).id
  const cash = j.entries.filter((e) => e.kind === 'store_fund').reduce((s, e) => s + e.amount, 0)
  const heldOut = 0 - j.entries.filter((e) => e.account === held).reduce((s, e) => s + e.amount, 0)
  const taken = heldOut - cash
  return { kind: 'refund', title: `退款${formatYuan(fen(cash))}已原路退回${taken > 0 ? `，赠送等${formatYuan(fen(taken))}不退` : ''}` }
}

export function toItem(j: JournalDoc, openid: string, storeNames: Map<string, string>): HistoryItem {
  const principalId = accounts.memberPrincipal(openid).id
  const bonusId = accounts.memberBonus(openid).id
  const principal = fen(j.entries.filter((e) => e.account === principalId).reduce((s, e) => s + e.amount, 0))
  const bonus = fen(j.entries.filter((e) => e.account === bonusId).reduce((s, e) => s + e.amount, 0))
  const storeName = j.storeId ? storeNames.get(j.storeId) ?? null : null
  const refund = j.kind === 'refund' ? refundTitle(j, openid) : null
  // a bill the store gave away (充值免单) or its WeChat Pay part reads as a spend at that store
  const kind: HistoryKind = refund ? refund.kind : j.kind === 'free_bill' || j.kind === 'sale' ? 'spend' : j.kind
  const base = refund
    ? refund.title
    : j.kind === 'recharge' && bonus > 0
      ? `充值${formatYuan(principal)} 赠${formatYuan(bonus)}`
      : j.kind === 'free_bill'
        ? `${storeName ?? ''} 免单`.trim()
        : kind === 'spend' && storeName
          ? `${storeName} 消费`
          : TITLES[kind]
  // a family member's payment from this balance says who paid (server/family/pay.ts)
  const title = j.family ? `${base} · 家人${j.family.name}付` : base
  return {
    id: j._id,
    kind,
    title,
    amount: fen(principal + bonus),
    principal,
    bonus,
    storeId: j.storeId,
    storeName,
    at: new Date(j.createdAt).toISOString(),
    refs: { outTradeNo: j.refs.outTradeNo, transactionId: j.refs.transactionId, paymentId: j.refs.paymentId }
  }
}

export async function storeNames(): Promise<Map<string, string>> {
  const { data } = await database().collection(C.stores).limit(100).get()
  return new Map((data as Array<{ _id: string; name: string }>).map((s) => [s._id, s.name]))
}

/** Newest first. The cursor is the creation time (ms) of the last item of the previous page. */
export async function history(openid: string, cursor: string | undefined, limit: number): Promise<HistoryPage> {
  const db = database()
  const _ = db.command
  const where: Record<string, unknown> = { memberId: openid }
  if (cursor) where.createdAt = _.lt(new Date(Number(cursor)))
  const [{ data }, names] = await Promise.all([
    db.collection(C.journal).where(where).orderBy('createdAt', 'desc').limit(limit + 1).get(),
    storeNames()
  ])
  const rows = data as JournalDoc[]
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    items: page.map((j) => toItem(j, openid, names)),
    nextCursor: rows.length > limit && last ? String(new Date(last.createdAt).getTime()) : null
  }
}

export async function historyEntry(openid: string, id: string): Promise<HistoryItem> {
  const { data } = await database().collection(C.journal).doc(id).get()
  const j = data as JournalDoc | null
  // someone else's entry reads as missing: ids must not reveal other members' activity
  if (!j || j.memberId !== openid) throw new AppError('NOT_FOUND', '没有这条记录')
  return toItem(j, openid, await storeNames())
}
