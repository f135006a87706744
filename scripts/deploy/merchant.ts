/**
 * `merchant.json`: what a merchant edits before deploying (name, agreement, offer settings,
 * stores, plans, campaigns, staff). It is checked in two layers, and every problem of both is
 * reported at once so one edit fixes them all:
 *  1. shape: a zod schema of the documents the functions read (server/merchant.ts,
 *     domain/offers/types.ts, server/staff.ts); unknown fields are refused, so a typo is not
 *     silently ignored;
 *  2. meaning: the same validators the seed and the admin side use (domain/offers/validate.ts,
 *     domain/agreement.ts), plus references between documents (ids unique, stores and plans
 *     that exist).
 */
import { z } from 'zod'
import { fenAmount } from '../../contracts/money'
import type { Agreement } from '../../domain/agreement'
import { assertAgreementUsable, AgreementError } from '../../domain/agreement'
import { campaignProblems, planProblems, settingsProblems } from '../../domain/offers/validate'
import { ONLINE_STORE_ID, type Campaign, type OfferSettings, type Plan } from '../../domain/offers/types'
import type { StoredStaffRole } from '../../server/staff'
import { tierTermsProblems, type TierTerms } from '../../domain/tiers'
import { couponTemplateProblems, type CouponTemplate } from '../../domain/members'

// the one money schema (contracts/money.ts): integer fen, bounded far below MAX_SAFE_INTEGER
const fen = fenAmount
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'ids use letters, digits, _ and - only')
const storeScope = z.union([z.literal('all'), z.array(z.string())])

const gift = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coupon'), templateId: z.string(), title: z.string(), count: z.number() }).strict(),
  z.object({ kind: z.literal('points_multiplier'), factor: z.number(), days: z.number().optional() }).strict(),
  z.object({ kind: z.literal('gift_card'), cardTemplateId: z.string(), title: z.string() }).strict()
])

const plan = z
  .object({
    id,
    title: z.string(),
    pay: fen,
    bonus: fen,
    gifts: z.array(gift),
    stores: storeScope,
    startsAt: z.string().optional(),
    endsAt: z.string().optional(),
    active: z.boolean(),
    sort: z.number(),
    tag: z.string().optional()
  })
  .strict()

const bonusRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('per_step'), step: fen, bonus: fen }).strict(),
  z.object({ kind: z.literal('tiers'), tiers: z.array(z.object({ min: fen, bonus: fen }).strict()) }).strict(),
  z.object({ kind: z.literal('percent'), bps: z.number() }).strict()
])

const offers = z
  .object({
    custom: z.object({ enabled: z.boolean(), min: fen, max: fen, bonus: bonusRule }).strict(),
    cap: fen,
    capCountsBonus: z.boolean(),
    riskMode: z.boolean()
  })
  .strict()

const campaign = z
  .object({
    id,
    title: z.string(),
    description: z.string().optional(),
    active: z.boolean(),
    startsAt: z.string(),
    endsAt: z.string(),
    scope: z
      .object({
        plans: z.union([z.literal('all'), z.array(z.string())]),
        custom: z.boolean(),
        stores: storeScope,
        newMembersOnly: z.boolean(),
        minPay: fen.optional()
      })
      .strict(),
    effect: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('percent'), bps: z.number() }).strict(),
      z.object({ kind: z.literal('fixed'), bonus: fen }).strict(),
      z.object({ kind: z.literal('gift'), gift, value: fen.optional() }).strict()
    ]),
    perMemberLimit: z.number().optional(),
    stacking: z.enum(['stack', 'exclusive']),
    exclusiveGroup: z.string().optional(),
    priority: z.number(),
    onPlanBonus: z.enum(['add', 'replace'])
  })
  .strict()

const staff = z
  .object({
    openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an openid as WeChat gives it'),
    name: z.string().min(1),
    role: z.enum(['cashier', 'store_manager', 'hq_admin', 'admin'] as const satisfies readonly StoredStaffRole[]),
    stores: z.union([z.literal('all'), z.array(z.string()).min(1)])
  })
  .strict()

const tierTerms = z
  .object({
    version: z.string().min(1),
    tiers: z.array(z.object({ id, name: z.string(), threshold: fen, payPermille: z.number(), benefits: z.array(z.string()) }).strict())
  })
  .strict()
const tiers = z.object({ current: z.string().min(1), versions: z.array(tierTerms).min(1) }).strict()
const couponTemplate = z
  .object({ id, title: z.string(), threshold: fen, off: fen, stores: storeScope, validDays: z.number() })
  .strict()
const points = z.object({ perYuan: z.number().int().min(0).max(100) }).strict()

const store = z.object({ id, name: z.string().min(1) }).strict()
const agreement = z.object({ version: z.string(), text: z.string() }).strict()

/** The top-level keys only: each part is parsed and checked on its own below, so one bad plan does not hide the others. */
const topLevel = z
  .object({
    name: z.unknown(),
    agreement: z.unknown(),
    orderTtlMinutes: z.unknown(),
    offers: z.unknown(),
    stores: z.unknown(),
    plans: z.unknown(),
    campaigns: z.unknown(),
    staff: z.unknown(),
    tiers: z.unknown(),
    couponTemplates: z.unknown(),
    points: z.unknown()
  })
  .strict()

/** shown in the app's header and in the agreement */
const name = z.string().min(1).max(40)
/** how long an unpaid recharge order stays open (WeChat Pay's time_expire): 5 min to 2 h */
const orderTtlMinutes = z.number().int().min(5).max(120)
const list = z.array(z.unknown())

export interface MerchantFile {
  name: string
  agreement: Agreement
  orderTtlMinutes: number
  offers: OfferSettings
  stores: Array<{ id: string; name: string }>
  plans: Plan[]
  campaigns: Campaign[]
  staff: Array<{ openid: string; name: string; role: StoredStaffRole; stores: 'all' | string[] }>
  /** every published tier terms version (a member holds the one they accepted) and the current one */
  tiers?: { current: string; versions: TierTerms[] }
  couponTemplates?: CouponTemplate[]
  points?: { perYuan: number }
}

export type MerchantCheck = { ok: true; merchant: MerchantFile } | { ok: false; problems: string[] }

function where(p: ReadonlyArray<string | number>): string {
  return p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '')
}

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((x, i) => ids.indexOf(x) !== i))]
}

/** Every problem with `input`, each prefixed by where it is; the merchant when there is none. */
export function checkMerchant(input: unknown): MerchantCheck {
  const out: string[] = []
  const part = <T>(schema: z.ZodTypeAny, value: unknown, path: Array<string | number>): T | null => {
    const r = schema.safeParse(value)
    if (r.success) return r.data as T
    for (const i of r.error.issues) out.push(`${where([...path, ...i.path]) || 'merchant.json'}: ${i.message}`)
    return null
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: ['merchant.json: must be a JSON object'] }
  part(topLevel, input, [])
  const top = input as Record<string, unknown>
  const merchantName = part<string>(name, top.name, ['name'])
  const ttl = part<number>(orderTtlMinutes, top.orderTtlMinutes, ['orderTtlMinutes'])
  const items = (key: string, min = 0): unknown[] => part<unknown[]>(min ? list.min(min) : list, top[key] ?? (min ? undefined : []), [key]) ?? []

  const ag = part<Agreement>(agreement, top.agreement, ['agreement'])
  if (ag) {
    try {
      assertAgreementUsable(ag)
    } catch (err) {
      if (!(err instanceof AgreementError)) throw err
      out.push(`agreement: ${err.message}`)
    }
  }
  const settings = part<OfferSettings>(offers, top.offers, ['offers'])
  if (settings) out.push(...settingsProblems(settings).map((p) => `offers: ${p}`))

  const stores = items('stores', 1).map((x, i) => part<MerchantFile['stores'][number]>(store, x, ['stores', i]))
  const storeIds = stores.flatMap((s) => (s ? [s.id] : []))
  for (const d of duplicates(storeIds)) out.push(`stores: id ${d} is used twice`)
  const knownStore = (s: string) => s === ONLINE_STORE_ID || storeIds.includes(s)
  const unknownStores = (scope: 'all' | readonly string[]) => (scope === 'all' ? [] : scope.filter((s) => !knownStore(s)))

  const plans = items('plans').map((x, i) => part<Plan>(plan, x, ['plans', i]))
  const planIds = plans.flatMap((p) => (p ? [p.id] : []))
  for (const d of duplicates(planIds)) out.push(`plans: id ${d} is used twice`)
  plans.forEach((p, i) => {
    if (!p) return
    const at = `plans[${i}] ${p.id}`
    out.push(...planProblems(p).map((x) => `${at}: ${x}`))
    for (const s of unknownStores(p.stores)) out.push(`${at}: store ${s} is not in stores`)
  })

  const campaigns = items('campaigns').map((x, i) => part<Campaign>(campaign, x, ['campaigns', i]))
  for (const d of duplicates(campaigns.flatMap((c) => (c ? [c.id] : [])))) out.push(`campaigns: id ${d} is used twice`)
  campaigns.forEach((c, i) => {
    if (!c) return
    const at = `campaigns[${i}] ${c.id}`
    out.push(...campaignProblems(c).map((x) => `${at}: ${x}`))
    for (const s of unknownStores(c.scope.stores)) out.push(`${at}: store ${s} is not in stores`)
    if (c.scope.plans !== 'all') for (const p of c.scope.plans) if (!planIds.includes(p)) out.push(`${at}: plan ${p} is not in plans`)
  })

  const tierSettings = top.tiers === undefined ? undefined : part<NonNullable<MerchantFile['tiers']>>(tiers, top.tiers, ['tiers'])
  if (tierSettings) {
    for (const d of duplicates(tierSettings.versions.map((v) => v.version))) out.push(`tiers: version ${d} is listed twice`)
    if (!tierSettings.versions.some((v) => v.version === tierSettings.current)) out.push(`tiers: current version ${tierSettings.current} is not in versions`)
    tierSettings.versions.forEach((v, i) => out.push(...tierTermsProblems(v).map((x) => `tiers.versions[${i}] ${v.version}: ${x}`)))
  }
  const templates = items('couponTemplates').map((x, i) => part<CouponTemplate>(couponTemplate, x, ['couponTemplates', i]))
  const templateIds = templates.flatMap((x) => (x ? [x.id] : []))
  for (const d of duplicates(templateIds)) out.push(`couponTemplates: id ${d} is used twice`)
  templates.forEach((x, i) => {
    if (!x) return
    out.push(...couponTemplateProblems(x).map((p) => `couponTemplates[${i}] ${x.id}: ${p}`))
    for (const s of unknownStores(x.stores)) out.push(`couponTemplates[${i}] ${x.id}: store ${s} is not in stores`)
  })
  // a coupon gift must name a template, or crediting could only record it as pending
  const gifts = [...plans.flatMap((p) => (p ? p.gifts.map((g) => ({ g, at: `plans ${p.id}` })) : [])), ...campaigns.flatMap((c) => (c && c.effect.kind === 'gift' ? [{ g: c.effect.gift, at: `campaigns ${c.id}` }] : []))]
  for (const { g, at } of gifts) if (g.kind === 'coupon' && !templateIds.includes(g.templateId)) out.push(`${at}: coupon template ${g.templateId} is not in couponTemplates`)
  const pointsRule = top.points === undefined ? undefined : part<{ perYuan: number }>(points, top.points, ['points'])

  const people = items('staff').map((x, i) => part<MerchantFile['staff'][number]>(staff, x, ['staff', i]))
  for (const d of duplicates(people.flatMap((s) => (s ? [s.openid] : [])))) out.push(`staff: openid ${d} is listed twice`)
  people.forEach((s, i) => {
    if (s) for (const x of unknownStores(s.stores)) out.push(`staff[${i}] ${s.name}: store ${x} is not in stores`)
  })

  if (out.length) return { ok: false, problems: out }
  return {
    ok: true,
    merchant: {
      name: merchantName as string,
      agreement: ag as Agreement,
      orderTtlMinutes: ttl as number,
      offers: settings as OfferSettings,
      stores: stores as MerchantFile['stores'],
      plans: plans as Plan[],
      campaigns: campaigns as Campaign[],
      staff: people as MerchantFile['staff'],
      ...(tierSettings ? { tiers: tierSettings } : {}),
      ...(top.couponTemplates !== undefined ? { couponTemplates: templates as CouponTemplate[] } : {}),
      ...(pointsRule ? { points: pointsRule } : {})
    }
  }
}
