/**
 * wallet.member and wallet.acceptTerms: the member's tier under the terms they accepted, their
 * progress, and what accepting the current terms would change. Accepting is the only way a
 * member moves to newer terms (B2): recharging again keeps their version.
 */
import type { MemberView } from '../../contracts/wallet'
import { discountLabel, payPermilleOf, tierFor, type Tier, type TierTerms } from '../../domain/tiers'
import { fen, formatYuan } from '../../domain/money'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { transact, type TxLike } from '../db/tx'
import { AppError } from '../errors'
import { loadSettings, type MerchantSettings } from '../merchant'
import type { MemberDoc } from '../collections'
import { asMember, readMemberDoc } from '../wallet'
import { tierView } from '../tiers'
import { heldTier, memberTierOf, netRechargedOf, storedTier, termsVersion } from './terms'

const label = (t: Tier | null) => discountLabel(payPermilleOf(t))

/** What the current terms change against the member's own, in the member's words. */
export function termsChanges(own: TierTerms, current: TierTerms, tierThen: Tier | null): string {
  const parts = [`接受后您的等级：${tierThen ? `${tierThen.name}（${label(tierThen)}）` : '暂无等级'}`]
  for (const t of current.tiers) {
    const o = own.tiers.find((x) => x.id === t.id)
    if (!o) {
      parts.push(`新增${t.name}：累计充值满${formatYuan(t.threshold)}享${label(t)}`)
      continue
    }
    const diff: string[] = []
    if (o.threshold !== t.threshold) diff.push(`门槛${formatYuan(o.threshold)}→${formatYuan(t.threshold)}`)
    if (o.payPermille !== t.payPermille) diff.push(`折扣${label(o)}→${label(t)}`)
    if (diff.length) parts.push(`${t.name}：${diff.join('，')}`)
  }
  for (const o of own.tiers) if (!current.tiers.some((t) => t.id === o.id)) parts.push(`取消${o.name}`)
  return parts.join('；')
}

export function memberViewOf(doc: MemberDoc | null, settings: Pick<MerchantSettings, 'tiers'>): MemberView {
  const member = asMember(doc)
  const { ts, mt } = memberTierOf(member, settings)
  // the stored tier is what checkout prices with; memberTier under the same version agrees with it
  // unless the member's version was removed by hand (then the stored one is what they hold)
  const tier = heldTier(member, settings)
  const own = termsVersion(ts, mt.version) as TierTerms
  const pending = member && mt.pendingTerms ? mt.pendingTerms : null
  return {
    tier: tier ? tierView(tier) : null,
    benefits: mt.tier ? [...mt.tier.benefits] : [],
    discountLabel: discountLabel(tier?.payPermille ?? 1000),
    next: mt.next ? { name: mt.next.name, threshold: mt.next.threshold, needed: mt.toNext } : null,
    netRecharged: fen(netRechargedOf(member)),
    termsVersion: member?.termsVersion ?? null,
    pendingTerms: pending
      ? {
          version: pending.version,
          tier: pending.tier ? tierView(storedTier(pending.tier)!) : null,
          changes: termsChanges(own, termsVersion(ts, pending.version) as TierTerms, pending.tier)
        }
      : null,
    memberCode: member?.memberCode ?? null
  }
}

export async function memberView(openid: string): Promise<MemberView> {
  const [doc, settings] = await Promise.all([readMemberDoc(openid), loadSettings()])
  return memberViewOf(doc, settings)
}

/**
 * The member accepts the current terms: their tier is recomputed under them, even when that is
 * lower (they saw `pendingTerms` and chose). Only the version they were shown can be accepted.
 */
export async function acceptTerms(openid: string, version: string): Promise<MemberView> {
  const settings = await loadSettings()
  const { ts } = memberTierOf(null, settings)
  const current = termsVersion(ts, ts.current) as TierTerms
  if (version !== ts.current) throw new AppError('INVALID_INPUT', '会员条款已更新，请刷新页面后重新确认')
  const db = database()
  const doc = await transact(db, async (t: TxLike) => {
    const ref = t.collection(C.members).doc<MemberDoc>(openid)
    const { data } = await ref.get()
    const member = asMember(data)
    if (!member) throw new AppError('NOT_FOUND', '首次充值后即成为会员，届时可确认会员条款')
    if (member.termsVersion === version) return member
    const fields = { termsVersion: version, tier: storedTier(tierFor(fen(netRechargedOf(member)), current)) }
    await ref.update({ data: fields })
    return { ...member, ...fields }
  })
  return memberViewOf(doc, settings)
}
