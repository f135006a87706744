/**
 * Points: every change is an immutable `points` entry (`pts:<paymentId>` for what a payment
 * earned), written in the same transaction as `member.points`, so the balance is the sum of the
 * entries.
 */
import type { PointsPage } from '../../contracts/wallet'
import { activeBoost, DEFAULT_POINTS_PER_YUAN } from '../../domain/members'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import type { MerchantSettings } from '../merchant'
import type { PointsDoc } from '../collections'
import { readMemberDoc } from '../wallet'

export const pointsId = (paymentId: string) => `pts:${paymentId}`
export const perYuanOf = (s: Pick<MerchantSettings, 'points'> | null | undefined): number => s?.points?.perYuan ?? DEFAULT_POINTS_PER_YUAN

const PAGE = 20

/** wallet.points: the balance, an active multiplier, and the entries newest first (cursor: the last item's time in ms). */
export async function pointsPage(openid: string, cursor: string | undefined, now: Date): Promise<PointsPage> {
  const db = database()
  const where: Record<string, unknown> = { openid }
  if (cursor) where.createdAt = db.command.lt(new Date(Number(cursor)))
  const [doc, { data }] = await Promise.all([readMemberDoc(openid), db.collection(C.points).where(where).orderBy('createdAt', 'desc').limit(PAGE + 1).get()])
  const rows = data as PointsDoc[]
  const page = rows.slice(0, PAGE)
  const last = page[page.length - 1]
  const boost = activeBoost(doc?.pointsBoost, now)
  return {
    balance: doc?.points ?? 0,
    multiplier: boost ? { times: boost.factor / 100, until: boost.until ? new Date(boost.until).toISOString() : null } : null,
    items: page.map((p) => ({ id: p._id, delta: p.delta, reason: p.reason, createdAt: new Date(p.createdAt).toISOString() })),
    nextCursor: rows.length > PAGE && last ? String(new Date(last.createdAt).getTime()) : null
  }
}
