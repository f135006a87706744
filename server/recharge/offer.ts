/**
 * Loads what a recharge is priced from (merchant settings, plans, campaigns, the member's balance
 * and unpaid orders' held room) and hands it to the domain's `quoteRecharge`, the one pricing
 * function: the page's quote and the order's price come from there, with the same messages.
 */
import type { CampaignView, PlanQuote, RechargeOffer } from '../../contracts/api'
import { availablePlans } from '../../domain/offers/scope'
import { quotePlan } from '../../domain/offers/quote'
import { capRoom } from '../../domain/offers/cap'
import { describeBonusRule, giftTitle } from '../../domain/offers/describe'
import { fitsCap, maxCustomPay, quoteRecharge, type CheckedQuote, type Offers, type RechargeContext, type RechargeRequest } from '../../domain/offers/recharge'
import { ONLINE_STORE_ID, type Campaign, type Gift, type Quote } from '../../domain/offers/types'
import { shanghaiDate, toShanghaiISO } from '../../domain/time'
import { campaignEligibility } from '../../domain/offers/campaigns'
import { fen } from '../../domain/money'
import { AppError } from '../errors'
import { now } from '../clock'
import { campaignUses, loadOffers, loadSettings, loadStore, type MerchantSettings, type Store } from '../merchant'
import { asMember, memberBalance, readMemberDoc } from '../wallet'
import type { MemberDoc } from '../collections'
import { heldRoom } from './cap-holds'

export const giftView = (g: Gift) => ({ kind: g.kind, title: giftTitle(g) })

/** Everything a quote depends on, read once per request. */
export interface OfferContext {
  settings: MerchantSettings
  store: Store | null
  storeId: string
  offers: Offers
  /** the quote context with the balance and held room as read now */
  member: RechargeContext
  /** the customer's wallet document as read for it (null before their first order) */
  doc: MemberDoc | null
}

export async function offerContext(openid: string, storeId: string | undefined): Promise<OfferContext> {
  const sid = storeId ?? ONLINE_STORE_ID
  const [settings, store, offers, uses, doc] = await Promise.all([
    loadSettings(),
    storeId ? loadStore(storeId) : Promise.resolve(null),
    loadOffers(),
    campaignUses(openid),
    readMemberDoc(openid)
  ])
  const at = now()
  return {
    settings,
    store,
    storeId: sid,
    offers: { plans: offers.plans, campaigns: offers.campaigns, settings: settings.offers },
    member: {
      now: at,
      storeId: sid,
      isMember: !!asMember(doc),
      campaignUses: uses,
      balance: memberBalance(doc),
      held: heldRoom(doc, at, settings.offers)
    },
    doc
  }
}

/** A create's or quote's request in the domain's terms. */
export function rechargeRequest(target: { planId?: string; amount?: number }): RechargeRequest {
  return target.planId ? { kind: 'plan', planId: target.planId } : { kind: 'custom', amount: fen(target.amount as number) }
}

/** The domain's price, or its refusal as the AppError the member sees. */
export function priced(c: Pick<OfferContext, 'offers'>, req: RechargeRequest, member: RechargeContext): CheckedQuote {
  const r = quoteRecharge(req, c.offers, member)
  if (!r.ok) throw new AppError(r.error.code, r.error.message)
  return r.data
}

/** What the order is called: the plan's title, or 自定义充值. */
export function rechargeTitle(c: Pick<OfferContext, 'offers'>, req: RechargeRequest): string {
  return req.kind === 'plan' ? c.offers.plans.find((p) => p.id === req.planId)?.title ?? req.planId : '自定义充值'
}

function planQuote(title: string, tag: string | undefined, q: Quote, fits: boolean): PlanQuote {
  return {
    id: q.planId ?? 'custom',
    title,
    pay: q.pay,
    bonus: q.bonus,
    campaignBonus: q.campaignBonus,
    credit: q.credit,
    gifts: q.gifts.map(giftView),
    campaignIds: q.campaignIds,
    tag: tag ?? null,
    fitsCap: fits
  }
}

/** recharge.plans: what this member can buy now, here, with bonus computed on the server. */
export async function rechargeOffer(openid: string, storeId: string | undefined): Promise<RechargeOffer> {
  const c = await offerContext(openid, storeId)
  const m = c.member
  const plans: PlanQuote[] = []
  for (const p of availablePlans(c.offers.plans, m)) {
    const q = quotePlan(p, c.offers.campaigns, m)
    if (q.ok) plans.push(planQuote(p.title, p.tag, q.data, !c.offers.settings.riskMode && fitsCap(q.data, c.offers.settings, m)))
  }
  // campaigns this member can actually get here: applied to some plan, or open to custom amounts
  const applied = new Set(plans.flatMap((p) => p.campaignIds))
  const custom = c.settings.offers.custom
  const forCustom = (x: Campaign) => custom.enabled && campaignEligibility(x, { kind: 'custom', pay: custom.max }, m) === 'ok'
  const live = c.offers.campaigns.filter((x) => applied.has(x.id) || forCustom(x))
  const campaigns: CampaignView[] = live.map((x) => ({ id: x.id, title: x.title, description: x.description ?? '', endsAt: toShanghaiISO(new Date(x.endsAt)), lastDay: shanghaiDate(new Date(new Date(x.endsAt).getTime() - 1)) }))
  const room = capRoom(m.balance, c.settings.offers, m.held)
  return {
    plans,
    campaigns,
    custom: { enabled: custom.enabled, min: custom.min, max: custom.max, description: describeBonusRule(custom.bonus) },
    agreement: c.settings.agreement,
    cap: { limit: room.limit, balance: room.counted, held: room.held, room: room.room, maxPay: maxCustomPay(c.offers, m) },
    store: c.store
  }
}

/** recharge.quote: the server's price for a custom amount, for the page to show. */
export async function quoteAmount(openid: string, amount: number, storeId: string | undefined): Promise<PlanQuote> {
  const c = await offerContext(openid, storeId)
  const req = rechargeRequest({ amount })
  return planQuote(rechargeTitle(c, req), undefined, priced(c, req, c.member), true)
}

