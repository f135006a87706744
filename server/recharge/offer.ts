import type { CampaignView, PlanQuote, RechargeOffer } from '../../contracts/api'
import { availablePlans } from '../../domain/offers/scope'
import { quoteCustom, quotePlan } from '../../domain/offers/quote'
import { capRoom, checkCap } from '../../domain/offers/cap'
import { describeBonusRule, giftTitle } from '../../domain/offers/describe'
import { ONLINE_STORE_ID, type Campaign, type Gift, type Quote, type QuoteContext } from '../../domain/offers/types'
import { shanghaiDate, toShanghaiISO } from '../../domain/time'
import { campaignEligibility } from '../../domain/offers/campaigns'
import { fen, type Fen } from '../../domain/money'
import { AppError } from '../errors'
import { now } from '../clock'
import { campaignUses, loadOffers, loadSettings, loadStore, type MerchantSettings, type Store } from '../merchant'
import { readBalance, readMember } from '../wallet'

export const giftView = (g: Gift) => ({ kind: g.kind, title: giftTitle(g) })

/** Everything a quote depends on, read once per request. */
export interface OfferContext {
  settings: MerchantSettings
  store: Store | null
  storeId: string
  plans: Awaited<ReturnType<typeof loadOffers>>['plans']
  campaigns: Campaign[]
  quoteCtx: QuoteContext
  balance: { principal: Fen; bonus: Fen }
}

export async function offerContext(openid: string, storeId: string | undefined): Promise<OfferContext> {
  const sid = storeId ?? ONLINE_STORE_ID
  const [settings, store, offers, uses, balance, member] = await Promise.all([
    loadSettings(),
    storeId ? loadStore(storeId) : Promise.resolve(null),
    loadOffers(),
    campaignUses(openid),
    readBalance(openid),
    readMember(openid)
  ])
  return {
    settings,
    store,
    storeId: sid,
    plans: offers.plans,
    campaigns: offers.campaigns,
    quoteCtx: { now: now(), storeId: sid, isMember: !!member, campaignUses: uses },
    balance: { principal: fen(balance.principal), bonus: fen(balance.bonus) }
  }
}

function planQuote(title: string, tag: string | undefined, q: Quote): PlanQuote {
  return {
    id: q.planId ?? 'custom',
    title,
    pay: q.pay,
    bonus: q.bonus,
    campaignBonus: q.campaignBonus,
    credit: q.credit,
    gifts: q.gifts.map(giftView),
    campaignIds: q.campaignIds,
    tag: tag ?? null
  }
}

/** recharge.plans: what this member can buy now, here, with bonus computed on the server. */
export async function rechargeOffer(openid: string, storeId: string | undefined): Promise<RechargeOffer> {
  const c = await offerContext(openid, storeId)
  const plans: PlanQuote[] = []
  for (const p of availablePlans(c.plans, c.quoteCtx)) {
    const q = quotePlan(p, c.campaigns, c.quoteCtx)
    if (q.ok) plans.push(planQuote(p.title, p.tag, q.data))
  }
  // campaigns this member can actually get here: applied to some plan, or open to custom amounts
  const applied = new Set(plans.flatMap((p) => p.campaignIds))
  const custom = c.settings.offers.custom
  const forCustom = (x: Campaign) => custom.enabled && campaignEligibility(x, { kind: 'custom', pay: custom.max }, c.quoteCtx) === 'ok'
  const live = c.campaigns.filter((x) => applied.has(x.id) || forCustom(x))
  const campaigns: CampaignView[] = live.map((x) => ({ id: x.id, title: x.title, description: x.description ?? '', endsAt: toShanghaiISO(new Date(x.endsAt)), lastDay: shanghaiDate(new Date(new Date(x.endsAt).getTime() - 1)) }))
  const room = capRoom(c.balance, c.settings.offers)
  return {
    plans,
    campaigns,
    custom: { enabled: c.settings.offers.custom.enabled, min: c.settings.offers.custom.min, max: c.settings.offers.custom.max, description: describeBonusRule(c.settings.offers.custom.bonus) },
    agreement: c.settings.agreement,
    cap: { limit: room.limit, balance: room.counted, room: room.room },
    store: c.store
  }
}

/**
 * The one place a recharge is priced: plan or custom amount, campaigns, cap, risk mode.
 * Used for the quote shown on the page and again, from fresh data, when the order is created.
 */
export function priceRecharge(c: OfferContext, target: { planId?: string; amount?: number }): { quote: Quote; title: string } {
  if (c.settings.offers.riskMode) throw new AppError('TOPUP_SUSPENDED', '商户暂停充值，已有余额不受影响')
  let quote: Quote
  let title: string
  if (target.planId) {
    const plan = c.plans.find((p) => p.id === target.planId)
    if (!plan) throw new AppError('PLAN_NOT_AVAILABLE', '该充值套餐已下架')
    const q = quotePlan(plan, c.campaigns, c.quoteCtx)
    if (!q.ok) throw new AppError(q.error.code, q.error.message)
    quote = q.data
    title = plan.title
  } else {
    const q = quoteCustom(fen(target.amount as number), c.settings.offers.custom, c.campaigns, c.quoteCtx)
    if (!q.ok) throw new AppError(q.error.code, q.error.message)
    quote = q.data
    title = '自定义充值'
  }
  const cap = checkCap(c.balance, quote, c.settings.offers)
  if (!cap.ok) throw new AppError(cap.error.code, cap.error.message)
  return { quote, title }
}

/** recharge.quote: the server's price for a custom amount, for the page to show. */
export async function quoteAmount(openid: string, amount: number, storeId: string | undefined): Promise<PlanQuote> {
  const c = await offerContext(openid, storeId)
  const { quote, title } = priceRecharge(c, { amount })
  return planQuote(title, undefined, quote)
}
