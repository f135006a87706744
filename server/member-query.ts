import type { StaffHistoryItem, StaffLot, StaffMemberCard, StaffMemberDetail, StaffPayment } from '../contracts/ops'
import { DEFAULT_REFUND_POLICY } from '../domain/refunds/policy'
import { addDays, parseInstant } from '../domain/time'
import { fen } from '../domain/money'
import { database } from './cloud'
import { now } from './clock'
import { COLLECTIONS as C } from './db/indexes'
import type { JournalDoc, MemberDoc, OrderDoc, PaymentDoc, RefundDoc } from './collections'
import { staffRefundView } from './refund/staff'
import { AppError } from './errors'
import { SETTINGS_ID } from './merchant'
import { scopeOf, type StaffDoc } from './staff'
import { memberBalance, storeNames, toItem } from './wallet'

/**
 * 储值查询-交易查询 (issue 11): staff find a member by phone or member code and see their balance,
 * lots, history, refunds and balance payments.
 *
 * Store scope (docs/staff.md): the balance is one, chain-wide, so everyone who may see the member
 * sees all of it; a member is "a member of a store" once they have recharged or paid there, and
 * a cashier or store manager finds only members of their stores and sees only their stores'
 * records (lots sold there, postings there, refunds paid from there). HQ sees everything.
 */

const NOT_FOUND = '没有找到该会员，请核对手机号或会员码'
const NOT_OURS = '该会员未在您负责的门店充值或消费过，请联系总部查询'

/** 13800000001 → 138****0001: staff recognise the member without the desk listing whole numbers. */
export const maskPhone = (phone: string): string => (phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****')

function card(doc: MemberDoc): StaffMemberCard {
  const { principal, bonus } = memberBalance(doc)
  return {
    openid: doc._id,
    memberCode: doc.memberCode ?? null,
    phone: doc.phone ? maskPhone(doc.phone) : null,
    memberSince: doc.memberSince ? new Date(doc.memberSince).toISOString() : null,
    principal,
    bonus,
    total: fen(principal + bonus)
  }
}

/** Whether the member recharged (credited) or paid from the balance at one of `stores`. */
async function memberOfStores(openid: string, stores: string[]): Promise<boolean> {
  if (stores.length === 0) return false
  const db = database()
  const _ = db.command
  const [orders, payments] = await Promise.all([
    db.collection(C.orders).where({ openid, storeId: _.in(stores), status: 'credited' }).limit(1).get(),
    db.collection(C.payments).where({ openid, storeId: _.in(stores) }).limit(1).get()
  ])
  return orders.data.length > 0 || payments.data.length > 0
}

async function requireMemberInScope(staff: StaffDoc, openid: string): Promise<void> {
  const scope = scopeOf(staff)
  if (scope !== 'all' && !(await memberOfStores(openid, scope))) throw new AppError('FORBIDDEN', NOT_OURS)
}

/** ops.memberFind: by an 11-digit phone or an 8-digit member code; the latest binding of a phone wins. */
export async function memberFind(staff: StaffDoc, query: string): Promise<{ member: StaffMemberCard }> {
  const field = query.length === 11 ? 'phone' : 'memberCode'
  const { data } = await database().collection(C.members).where({ [field]: query }).limit(10).get()
  const found = (data as MemberDoc[]).sort((a, b) => time(b.phoneBoundAt) - time(a.phoneBoundAt))[0]
  if (!found) throw new AppError('NOT_FOUND', NOT_FOUND)
  await requireMemberInScope(staff, found._id)
  return { member: card(found) }
}

const time = (d: Date | string | undefined | null) => (d ? new Date(d).getTime() : 0)

const HISTORY_LIMIT = 50
const LIST_LIMIT = 20

/** ops.memberDetail: everything the desk shows of one member, within the staff member's stores. */
export async function memberDetail(staff: StaffDoc, openid: string): Promise<StaffMemberDetail> {
  const db = database()
  const _ = db.command
  const member = (await db.collection(C.members).doc(openid).get()).data as MemberDoc | null
  if (!member) throw new AppError('NOT_FOUND', NOT_FOUND)
  await requireMemberInScope(staff, openid)
  const scope = scopeOf(staff)
  const inScope = (storeId: string | null | undefined) => scope === 'all' || (!!storeId && scope.includes(storeId))

  const lotOrderIds = member.lots.map((l) => l.id.replace(/^lot:/, ''))
  const [journal, refunds, payments, settings, names] = await Promise.all([
    db.collection(C.journal).where({ memberId: openid }).orderBy('createdAt', 'desc').limit(HISTORY_LIMIT).get(),
    db.collection(C.refunds).where({ openid }).orderBy('createdAt', 'desc').limit(LIST_LIMIT).get(),
    db.collection(C.payments).where({ openid }).orderBy('createdAt', 'desc').limit(LIST_LIMIT).get(),
    db.collection(C.settings).doc(SETTINGS_ID).get(),
    storeNames()
  ])
  const refundDocs = refunds.data as RefundDoc[]
  // the orders behind the lots: their store and WeChat Pay transaction (a refund names its stores itself)
  const orderIds = [...new Set(lotOrderIds)]
  const orders = new Map<string, OrderDoc>()
  for (let i = 0; i < orderIds.length; i += 100) {
    const { data } = await db.collection(C.orders).where({ _id: _.in(orderIds.slice(i, i + 100)) }).limit(100).get()
    for (const o of data as OrderDoc[]) orders.set(o._id, o)
  }

  const coolingOffDays = (settings.data as { refund?: { coolingOffDays?: number } } | null)?.refund?.coolingOffDays ?? DEFAULT_REFUND_POLICY.coolingOffDays
  const at = now()
  const lots: StaffLot[] = []
  let otherStoresLots = 0
  for (const lot of member.lots) {
    const order = orders.get(lot.id.replace(/^lot:/, ''))
    const storeId = order?.storeId ?? ''
    if (!inScope(storeId)) {
      otherStoresLots++
      continue
    }
    const coolingOffUntil = addDays(parseInstant(lot.paidAt), coolingOffDays)
    const credited = order?.status === 'credited' ? order : null
    lots.push({
      id: lot.id,
      outTradeNo: order?._id ?? lot.id.replace(/^lot:/, ''),
      storeId,
      storeName: names.get(storeId) ?? null,
      pay: fen(lot.pay ?? order?.pay ?? lot.principalLeft),
      bonus: fen(lot.bonus ?? order?.bonus ?? lot.bonusLeft),
      principalLeft: lot.principalLeft,
      bonusLeft: lot.bonusLeft,
      paidAt: lot.paidAt,
      transactionId: credited?.transactionId ?? null,
      refundableUntil: credited ? new Date(credited.refundableUntil).toISOString() : null,
      coolingOffUntil: coolingOffUntil.toISOString(),
      inCoolingOff: at.getTime() < coolingOffUntil.getTime()
    })
  }

  // postings without a store (a refund's hold and release of the chain-wide balance) belong to everyone who sees the member
  const history: StaffHistoryItem[] = (journal.data as JournalDoc[])
    .filter((j) => j.storeId === null || inScope(j.storeId))
    .map((j) => ({ ...toItem(j, openid, names), kind: j.kind, refs: { ...j.refs } }))

  const refundList = refundDocs
    .filter((r) => scope === 'all' || r.storeIds.some(inScope))
    // the same view the refund actions answer, so the desk shows one shape before and after a tap
    .map(staffRefundView)

  const paymentList: StaffPayment[] = (payments.data as PaymentDoc[])
    .filter((p) => inScope(p.storeId))
    .map((p) => ({
      paymentId: p._id,
      storeId: p.storeId,
      storeName: p.storeName,
      amount: fen(p.amount),
      charged: fen(p.charged),
      principal: fen(p.principal),
      bonus: fen(p.bonus),
      at: new Date(p.createdAt).toISOString()
    }))

  return { member: card(member), held: fen(member.refundHeld ?? 0), lots, otherStoresLots, history, refunds: refundList, payments: paymentList, scope }
}
