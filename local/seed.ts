import { database } from '../server/cloud'
import { COLLECTIONS as C } from '../server/db/indexes'
import { DEMO_AGREEMENT, assertAgreementUsable } from '../domain/agreement'
import * as demo from '../domain/offers/demo'
import type { DemoUser } from '../contracts/api'
import { SETTINGS_ID } from '../server/merchant'
import { openStoreAccounts } from '../server/ledger/store'
import { DEMO_TIER_TERMS } from '../domain/tiers'
import { DEMO_COUPON_TEMPLATES, DEMO_POINTS } from '../domain/members'
import { DEMO_MEMBER_CODES, DEMO_PHONES } from './demo-phones'

export const DEMO_USERS: DemoUser[] = [
  { openid: 'demo-customer', name: '顾客 小王', role: 'customer' },
  { openid: 'demo-customer-2', name: '顾客 小李', role: 'customer' },
  { openid: 'demo-gold', name: '会员 老陈', role: 'customer' },
  { openid: 'demo-distributor', name: '分销员 阿强', role: 'distributor' },
  { openid: 'demo-cashier', name: '收银员 小周', role: 'cashier' },
  { openid: 'demo-manager', name: '店长 小陈', role: 'store_manager' },
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
  await db.collection(C.staff).doc('demo-manager').set({ data: { name: '店长 小陈', role: 'store_manager', stores: ['store-xuhui'] } })
  await db.collection(C.staff).doc('demo-admin').set({ data: { name: '总部管理员', role: 'hq_admin', stores: 'all' } })
  // the demo customers' wallet documents carry a phone and a member code, so staff can find them
  // at the desk (ops.memberFind); they become members at their first credited recharge
  for (const [openid, phone] of Object.entries(DEMO_PHONES)) {
    const memberCode = DEMO_MEMBER_CODES[openid]
    await db.collection(C.members).doc(openid).set({
      data: { memberSince: null, lots: [], rechargedTotal: 0, rechargeCount: 0, phone, phoneBoundAt: new Date(0), memberCode }
    })
    // reserved like the codes the first credit gives (server/members/credit.ts), so none is given twice
    await db.collection(C.memberCodes).doc(memberCode).set({ data: { openid, createdAt: new Date(0) } })
  }
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

/** The demo 金卡 member's balance after the seed: what the issue-10 journey pays a ¥120 bill from. */
export const DEMO_GOLD = { openid: 'demo-gold', balance: 35_000 }

/** How the seed reaches the functions and WeChat Pay: the stack's own, once its routes answer. */
export interface SeedPlatform {
  invoke(name: string, event: unknown, openid: string): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }>
  /** pays a JSAPI order at the simulator; its notification is delivered as WeChat Pay would */
  pay(outTradeNo: string): void
  /** resolves once the simulator's notifications are delivered */
  idle(): Promise<void>
}

/**
 * Demo members made through the real paths, so the ledger reconciles and every figure is one the
 * functions computed: demo-gold (会员 老陈) recharges 充1000送200 at 徐汇店 (金卡, two drink coupons, 2× points),
 * the simulator pays it and notifies, and one bill at 金卡 price brings the balance to ¥350.00.
 * Runs once, right after seedDemo, on a stack whose simulator answers.
 */
export async function seedDemoMembers(p: SeedPlatform): Promise<void> {
  const must = async (name: string, event: Record<string, unknown>, openid: string) => {
    const r = await p.invoke(name, event, openid)
    if (!r.ok) throw new Error(`seeding ${openid}: ${name}.${String(event.action)} failed: ${r.error?.code} ${r.error?.message}`)
    return r.data
  }
  const me = DEMO_GOLD.openid
  const { agreement } = await must('recharge', { action: 'plans' }, me)
  const order = await must('recharge', { action: 'create', planId: 'p1000', storeId: 'store-xuhui', agreementVersion: agreement.version }, me)
  p.pay(order.outTradeNo)
  await p.idle()
  const balance = await must('wallet', { action: 'balance' }, me)
  const doc = (await database().collection(C.members).doc(me).get()).data as { tier?: { payPermille: number } | null } | null
  const permille = doc?.tier?.payPermille
  if (!permille) throw new Error(`seeding ${me}: the recharge did not reach a tier`)
  // the bill whose tier price is exactly what takes the balance to ¥350.00 (payable rounds down)
  const charge = balance.total - DEMO_GOLD.balance
  const bill = Math.ceil((charge * 1000) / permille)
  await must('checkout', { action: 'pay', storeId: 'store-xuhui', amount: bill, requestId: 'seed-demo-gold-0001' }, me)
  const after = await must('wallet', { action: 'balance' }, me)
  if (after.total !== DEMO_GOLD.balance) throw new Error(`seeding ${me}: balance is ${after.total}, expected ${DEMO_GOLD.balance}`)
}
