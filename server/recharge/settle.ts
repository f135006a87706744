import { rechargePosting, type Posting } from '../../domain/ledger'
import { fen } from '../../domain/money'
import { checkCap, DEFAULT_CAP } from '../../domain/offers/cap'
import type { PayConfig, Transaction } from '../wechatpay'
import { database } from '../cloud'
import type { Db } from '../db/types'
import { now } from '../clock'
import { fault } from '../faults'
import { COLLECTIONS as C } from '../db/indexes'
import { oneByOne, transact, type TxLike } from '../db/tx'
import { storeAccountShards } from '../ledger/store'
import { SETTINGS_ID, type MerchantSettings } from '../merchant'
import type { AccountDoc, CampaignUseDoc, MemberDoc, OrderDoc, ShippingDoc, StoredLot } from '../collections'
import { memberBalance } from '../wallet'
import { campaignUsedUpMeanwhile, useId, useUpdate } from './holds'
import { capHoldPath, heldRoom, holdsRoom } from './cap-holds'
import { creditMembership } from '../members/credit'
import { settleBillOrder } from '../bills/settle'
import { payAttachedBill } from '../bills/attached'

type Command = Db['command']

export type SettleOutcome =
  | { kind: 'credited'; order: OrderDoc }
  | { kind: 'already_credited'; order: OrderDoc }
  | { kind: 'review'; order: OrderDoc; reason: string }
  | { kind: 'unknown_order' }
  | { kind: 'not_paid'; order: OrderDoc }

const YEAR_MS = 365 * 24 * 3600 * 1000

/**
 * What must hold before a WeChat Pay transaction may credit our order. Amounts and identity
 * come from our own order, never from the notification; the notification only has to agree.
 */
export function mismatch(order: OrderDoc, tx: Transaction, cfg: Pick<PayConfig, 'mchid' | 'appid'>): string | null {
  if (tx.mchid !== cfg.mchid) return `mchid ${tx.mchid} is not ours`
  if (tx.appid !== cfg.appid) return `appid ${tx.appid} is not ours`
  if (tx.amount?.total !== order.pay) return `amount ${tx.amount?.total} differs from the order's ${order.pay}`
  if (tx.payer?.openid !== order.openid) return `payer is not the order's owner`
  if (!tx.transaction_id) return 'no transaction_id'
  return null
}

/**
 * Posts the store side of a posting inside the transaction: `inc` on the store's account shard,
 * never read-then-write (a balance only ever moves by an entry's amount). A store's shards exist
 * once its first recharge is credited, so this is one call per entry; when `inc` finds no
 * document the shard is created (`add` fails on a duplicate _id, so two first postings can't both
 * create it: the loser reruns). The member side is written on the member document by the caller.
 */
async function postStoreEntries(t: TxLike, _: Command, posting: Posting, at: Date): Promise<void> {
  for (const [i, e] of posting.entries.entries()) {
    if (e.kind === 'store_fund' || e.kind === 'store_promo') {
      const ref = t.collection(C.accounts).doc<AccountDoc>(e.account)
      const r = (await ref.update({ data: { balance: _.inc(e.amount) } })) as { stats?: { updated?: number } }
      if (!r?.stats?.updated) await t.collection(C.accounts).add({ data: { _id: e.account, kind: e.kind, owner: e.account.split(':')[1], balance: e.amount, createdAt: at } })
    }
    fault(`credit:account:${i}`)
  }
  await t.collection(C.journal).add({ data: { _id: posting.id, ...posting, createdAt: at } })
}

/** The order's shipping upload (发货信息录入), queued in its settling transaction; afterCredit runs it. */
export async function queueShipping(t: TxLike, order: Pick<OrderDoc, '_id' | 'openid' | 'pay'>, transactionId: string, at: Date): Promise<void> {
  const ship: Omit<ShippingDoc, '_id'> = {
    outTradeNo: order._id,
    transactionId,
    openid: order.openid,
    pay: order.pay,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    doneAt: null,
    createdAt: at
  }
  await t.collection(C.shipping).add({ data: { _id: `ship:${order._id}`, ...ship } })
}

/**
 * Settles a paid order exactly once: the ledger posting, the member's wallet (balance, lots, cap
 * hold), campaign usage, the shipping-upload task and the order's new state (the lot's record)
 * are written in ONE
 * database transaction. A replay (second notification, a `status` poll, the sweeper) finds the
 * order already credited inside the same transaction and changes nothing.
 */
export async function settlePaidOrder(tx: Transaction, cfg: Pick<PayConfig, 'mchid' | 'appid'>): Promise<SettleOutcome> {
  const db = database()
  const _ = db.command
  // The merchant's settings (tier terms, coupon templates) are read while the transaction starts:
  // not money, and not on its session, so the crediting keeps its sequential depth. Awaited
  // before we answer (no work after return).
  const early = db.collection(C.settings).doc(SETTINGS_ID).get().then((r) => (r.data as MerchantSettings | null) ?? null)
  early.catch(() => undefined)
  return transact(db, async (t: TxLike): Promise<SettleOutcome> => {
    const orderRef = t.collection(C.orders).doc<OrderDoc>(tx.out_trade_no)
    const { data: order } = await orderRef.get()
    if (!order) return { kind: 'unknown_order' }
    // a bill's WeChat Pay part settles with its held balance part (server/bills), in this transaction
    if (order.kind === 'bill') return settleBillOrder(t, order, tx, cfg)
    if (order.status === 'credited') return { kind: 'already_credited', order }
    if (tx.trade_state !== 'SUCCESS') return { kind: 'not_paid', order }
    const at = now()
    // a closed order's payment (paid after we closed it) is credited if it agrees and still fits under the cap
    const bad = order.status === 'pending' || order.status === 'closed' ? mismatch(order, tx, cfg) : `payment arrived for a ${order.status} order`
    const toReview = async (reason: string): Promise<SettleOutcome> => {
      if (order.status === 'review') return { kind: 'review', order, reason: order.reviewReason }
      const review = { status: 'review' as const, reviewReason: reason, reviewAt: at, transactionId: tx.transaction_id ?? null }
      await orderRef.update({ data: review })
      return { kind: 'review', order: { ...order, ...review }, reason }
    }
    if (bad) return toReview(bad)
    fault('credit:start')

    const transactionId = tx.transaction_id as string
    const paidAt = tx.success_time ? new Date(tx.success_time) : at
    const posting = rechargePosting({
      outTradeNo: order._id,
      transactionId,
      openid: order.openid,
      storeId: order.storeId,
      pay: fen(order.pay),
      bonus: fen(order.bonus),
      // the store side lands on one of the store's account shards, so concurrent credits rarely share a document
      shards: storeAccountShards()
    })
    // The other reads, one after another: concurrent operations inside one transaction are
    // undefined on the cloud database (MongoDB sessions). The member's balance, lots and cap holds
    // are one document, so a plain credit reads and writes just the order, the member, the
    // store's two account shards, the journal and the shipping task.
    const memberRef = t.collection(C.members).doc<MemberDoc>(order.openid)
    const { data: member } = await memberRef.get()
    const campaignIds = [...new Set(order.campaignIds)]
    const useRef = (campaignId: string) => t.collection(C.campaignUses).doc<CampaignUseDoc>(useId(order.openid, campaignId))
    const useReads = await oneByOne(campaignIds, (id) => useRef(id).get().then((r) => r.data))

    // An order that no longer holds its room under the cap (closed, or past its hold's time) is
    // credited only if it still fits beside the balance and the member's other unpaid orders;
    // otherwise staff review it, and it is refunded (the refund path will take these over).
    if (!holdsRoom(member, order._id, at)) {
      const { data: settings } = await t.collection(C.settings).doc<MerchantSettings>(SETTINGS_ID).get()
      const capSettings = settings?.offers ?? { cap: DEFAULT_CAP, capCountsBonus: true }
      const fits = checkCap(memberBalance(member), { pay: fen(order.pay), credit: fen(order.pay + order.bonus) }, capSettings, heldRoom(member, at, capSettings, order._id))
      if (!fits.ok) return toReview(`paid after its room under the balance cap was released (${order.status}); crediting it would exceed the cap: refund it`)
    }
    const usedUp = await campaignUsedUpMeanwhile(t, order, new Map(campaignIds.map((id, k) => [id, useReads[k]])), at)
    if (usedUp) return toReview(`paid after its campaign hold was released (${order.status}); 「${usedUp}」 is used up for this member meanwhile: refund it or credit it without that bonus`)
    await postStoreEntries(t, _, posting, at)
    fault('credit:journal')

    // the credited order is the lot's record (what was paid, on which terms, refundable until);
    // the member document keeps what is left of each lot
    const lotId = `lot:${order._id}`
    // pay, bonus and the running `redeemed` let each spend recognise revenue at the lot's ratio (checkout)
    const lot: StoredLot = { id: lotId, principalLeft: fen(order.pay), bonusLeft: fen(order.bonus), paidAt: paidAt.toISOString(), pay: order.pay, bonus: order.bonus, redeemed: 0 }
    // tier, terms version, member code and the order's gifts (server/members/credit.ts)
    const membership = await creditMembership(t, order, member ?? null, await early, at)
    if (member) {
      // the order's cap hold becomes balance in this same write; the first credit makes a member
      const update: Record<string, unknown> = {
        principal: _.inc(order.pay),
        bonus: _.inc(order.bonus),
        lots: _.push([lot]),
        rechargedTotal: _.inc(order.pay),
        rechargeCount: _.inc(1),
        ...membership
      }
      if (member.capHolds && order._id in member.capHolds) update[capHoldPath(order._id)] = _.remove()
      if (!member.memberSince) update.memberSince = at
      await memberRef.update({ data: update })
    } else {
      // 储值即会员: the first credited recharge makes the customer a member
      const doc: Omit<MemberDoc, '_id'> = { memberSince: at, principal: order.pay, bonus: order.bonus, lots: [lot], rechargedTotal: order.pay, rechargeCount: 1, ...membership }
      await t.collection(C.members).add({ data: { _id: order.openid, ...doc } })
    }
    fault('credit:member')
    // a recommendation accepted at checkout: the bill is paid from the new balance, here (server/bills)
    const bill = order.bill ? await payAttachedBill(t, { ...order, bill: order.bill }, at) : {}

    // the order's hold (taken when it was created) becomes a use; a campaign listed twice is
    // counted twice: the second pass finds the use the first created
    const used = new Set(campaignIds.filter((_c, k) => useReads[k]))
    for (const campaignId of order.campaignIds) {
      if (used.has(campaignId)) await useRef(campaignId).update({ data: useUpdate(_, order._id) })
      else await t.collection(C.campaignUses).add({ data: { _id: useId(order.openid, campaignId), openid: order.openid, campaignId, count: 1, holds: {} } })
      used.add(campaignId)
    }

    await queueShipping(t, order, transactionId, at)
    fault('credit:shipping')

    const credited = { status: 'credited' as const, transactionId, paidAt, creditedAt: at, journalId: posting.id, lotId, refundableUntil: new Date(paidAt.getTime() + YEAR_MS), ...bill }
    await orderRef.update({ data: credited })
    fault('credit:order')
    return { kind: 'credited', order: { ...order, ...credited } }
  }).finally(() => early.catch(() => undefined))
}
