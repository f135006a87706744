import { database } from '../server/cloud'
import { COLLECTIONS as C } from '../server/db/indexes'
import { DEMO_AGREEMENT, assertAgreementUsable } from '../domain/agreement'
import * as demo from '../domain/offers/demo'
import type { DemoUser } from '../contracts/api'
import { SETTINGS_ID } from '../server/merchant'
import { openStoreAccounts } from '../server/ledger/store'
import { DEMO_TIER_TERMS } from '../domain/tiers'
import { DEMO_COUPON_TEMPLATES, DEMO_POINTS } from '../domain/members'

export const DEMO_USERS: DemoUser[] = [
  { openid: 'demo-customer', name: '顾客 小王', role: 'customer' },
  { openid: 'demo-customer-2', name: '顾客 小李', role: 'customer' },
  { openid: 'demo-distributor', name: '分销员 阿强', role: 'distributor' },
  { openid: 'demo-cashier', name: '收银员 小周', role: 'cashier' },
  { openid: 'demo-admin', name: '总部管理员', role: 'admin' }
]


/**
 * Seeds the demo merchant once (two stores, plans, campaigns, agreement, demo users) through
 * the same SDK the functions use. Returns false when the data was already there.
 */
export async function seedDemo(): Promise<boolean> {
  const db = database()
  const existing = await db.collection(C.settings).doc(SETTINGS_ID).get()
  if (existing.data) return false
  for (const store of demo.DEMO_STORES) {
    await db.collection(C.stores).doc(store.id).set({ data: { ...store } })
    await openStoreAccounts(store.id) // so crediting only increments them
  }
  for (const plan of demo.DEMO_PLANS) await db.collection(C.plans).doc(plan.id).set({ data: { ...plan } })
  for (const c of demo.DEMO_CAMPAIGNS) await db.collection(C.campaigns).doc(c.id).set({ data: { ...c } })
  await db.collection(C.staff).doc('demo-cashier').set({ data: { name: '收银员 小周', role: 'cashier', stores: ['store-xuhui'] } })
  await db.collection(C.staff).doc('demo-admin').set({ data: { name: '总部管理员', role: 'admin', stores: 'all' } })
  for (const [sort, u] of DEMO_USERS.entries()) await db.collection(C.demoUsers).doc(u.openid).set({ data: { name: u.name, role: u.role, sort } })
  // an agreement with a clause the domain rules call void (不退款, 过期作废, 最终解释权…) is refused
  assertAgreementUsable(DEMO_AGREEMENT)
  await db.collection(C.settings).doc(SETTINGS_ID).set({
    data: { name: demo.DEMO_MERCHANT_NAME ?? '储值示范店', offers: demo.DEMO_OFFER_SETTINGS, agreement: DEMO_AGREEMENT,
      orderTtlMinutes: 30,
      tiers: { current: DEMO_TIER_TERMS.version, versions: [DEMO_TIER_TERMS] },
      couponTemplates: DEMO_COUPON_TEMPLATES,
      points: DEMO_POINTS
    }
  })
  return true
}
