/**
 * Per-member campaign limits (say "新人礼 once per member") are counted on one document per member
 * and campaign: `count` credited uses, and `holds`, the unpaid orders that carry the campaign, each
 * until its order can no longer be paid. An order takes its hold in the same transaction that
 * writes it, so two orders created at the same moment cannot both carry a limit-1 campaign: the
 * second transaction conflicts on this document, reruns, sees the first hold and is refused.
 * Crediting turns the hold into a use; closing releases it; a hold past its time no longer counts
 * even if nobody released it.
 */
import type { Campaign } from '../../domain/offers/types'
import { limitReachedText } from '../../domain/offers/campaigns'
import type { Db } from '../db/types'
import { AppError } from '../errors'
import { COLLECTIONS as C } from '../db/indexes'
import { oneByOne, type TxLike } from '../db/tx'
import type { CampaignUseDoc, MemberDoc, OrderDoc } from '../collections'
import { capHoldPath } from './cap-holds'

type Command = Db['command']

/** Orders are closed a little after their expiry, so a payment made at the last second still lands. */
export const CLOSE_GRACE_MS = 2 * 60_000

/** The document counting one member's use of one campaign. */
export const useId = (openid: string, campaignId: string) => `${openid}:${campaignId}`

/** Holds are keyed by out_trade_no, which is [0-9A-Z] only, so it is a safe field name. */
const holdPath = (outTradeNo: string) => `holds.${outTradeNo}`

/** The unpaid orders whose hold on this campaign still counts at `at`. */
function liveHolds(use: Pick<CampaignUseDoc, 'holds'> | null, at: Date): string[] {
  return Object.entries(use?.holds ?? {})
    .filter(([, until]) => new Date(until) > at)
    .map(([no]) => no)
}

/** The limit is reached only because of the member's own unpaid orders (`heldBy`). */
export class CampaignHeld extends AppError {
  constructor(
    campaign: Campaign,
    readonly heldBy: string[]
  ) {
    super('CAMPAIGN_LIMIT_REACHED', `「${campaign.title}」每人限${campaign.perMemberLimit}次，您有一笔待支付的订单已参加，请先完成支付或稍后再试`)
  }
}

/** The order's campaigns that have a per-member limit, once each. */
function limited(order: Pick<OrderDoc, 'campaignIds'>, campaigns: readonly Campaign[]): Campaign[] {
  return [...new Set(order.campaignIds)].flatMap((id) => campaigns.filter((c) => c.id === id && c.perMemberLimit !== undefined))
}

/**
 * Inside the order's creating transaction: takes a hold on every limited campaign the order carries,
 * or throws CAMPAIGN_LIMIT_REACHED (the transaction then writes nothing) when credited uses plus
 * the member's live holds already reach the limit: `CampaignHeld` when the holds are what is in
 * the way, so the caller may replace those orders. Expired holds are dropped on the way.
 */
export async function holdCampaigns(t: TxLike, _: Command, order: OrderDoc, campaigns: readonly Campaign[], at: Date): Promise<void> {
  const wanted = limited(order, campaigns)
  const refs = wanted.map((c) => t.collection(C.campaignUses).doc<CampaignUseDoc>(useId(order.openid, c.id)))
  const uses = await oneByOne(refs, (r) => r.get().then((x) => x.data))
  const until = new Date(order.expireAt.getTime() + CLOSE_GRACE_MS)
  for (const [k, c] of wanted.entries()) {
    const use = uses[k]
    const limit = c.perMemberLimit as number
    const held = liveHolds(use, at)
    if ((use?.count ?? 0) >= limit) throw new AppError('CAMPAIGN_LIMIT_REACHED', limitReachedText(c))
    if ((use?.count ?? 0) + held.length >= limit) throw new CampaignHeld(c, held)
    if (!use) {
      await t.collection(C.campaignUses).add({ data: { _id: useId(order.openid, c.id), openid: order.openid, campaignId: c.id, count: 0, holds: { [order._id]: until } } })
      continue
    }
    const data: Record<string, unknown> = { [holdPath(order._id)]: until }
    for (const [no, end] of Object.entries(use.holds ?? {})) if (new Date(end) <= at) data[holdPath(no)] = _.remove()
    await refs[k].update({ data })
  }
}

/** Inside the transaction that closes an unpaid order: gives its holds back, campaigns' and the cap's. */
export async function releaseHolds(t: TxLike, _: Command, order: Pick<OrderDoc, '_id' | 'openid' | 'campaignIds'>): Promise<void> {
  const memberRef = t.collection(C.members).doc<MemberDoc>(order.openid)
  const { data: member } = await memberRef.get()
  if (member?.capHolds && order._id in member.capHolds) await memberRef.update({ data: { [capHoldPath(order._id)]: _.remove() } })
  for (const id of new Set(order.campaignIds)) {
    const ref = t.collection(C.campaignUses).doc<CampaignUseDoc>(useId(order.openid, id))
    const { data } = await ref.get()
    if (data?.holds && order._id in data.holds) await ref.update({ data: { [holdPath(order._id)]: _.remove() } })
  }
}

/** The update that turns an order's hold into one credited use. */
export const useUpdate = (_: Command, outTradeNo: string) => ({ count: _.inc(1), [holdPath(outTradeNo)]: _.remove() })

/**
 * For an order paid after its campaign holds were released (closed, or past its time): the title
 * of the first limited campaign it carries whose limit other orders used or hold meanwhile, or
 * null. Crediting it would pay that campaign's bonus once too often, so it goes to review.
 * Reads a campaign only for a hold that no longer counts: none for an order paid in time.
 */
export async function campaignUsedUpMeanwhile(t: TxLike, order: Pick<OrderDoc, '_id' | 'campaignIds'>, uses: ReadonlyMap<string, CampaignUseDoc | null>, at: Date): Promise<string | null> {
  for (const id of new Set(order.campaignIds)) {
    const use = uses.get(id) ?? null
    const until = use?.holds?.[order._id]
    if (until && new Date(until) > at) continue
    const { data: c } = await t.collection(C.campaigns).doc<Campaign>(id).get()
    if (c?.perMemberLimit === undefined) continue
    const others = liveHolds(use, at).filter((no) => no !== order._id).length
    if ((use?.count ?? 0) + others >= c.perMemberLimit) return c.title
  }
  return null
}
