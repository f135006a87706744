/**
 * The demo merchant's offers; local/seed.ts writes them into the database. Instants are built
 * from the Shanghai dates a merchant would type, so the window logic is visible: one campaign
 * running for a year from 2026-11-01, one that ended after 国庆.
 */
import { fen } from '../money'
import { shanghaiDateWindow } from '../time'
import { DEFAULT_CAP } from './cap'
import { planTitle } from './describe'
import { ONLINE_STORE_ID, type Campaign, type OfferSettings, type Plan } from './types'

export const DEMO_MERCHANT_NAME = '储值示范咖啡'

export const DEMO_STORES: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'store-xuhui', name: '徐汇店' },
  { id: 'store-jingan', name: '静安店' },
  { id: ONLINE_STORE_ID, name: '线上' }
]

export const DEMO_PLANS: Plan[] = [
  {
    id: 'p300',
    title: planTitle(fen(30_000), fen(5_000)),
    pay: fen(30_000),
    bonus: fen(5_000),
    gifts: [],
    stores: 'all',
    active: true,
    sort: 10
  },
  {
    id: 'p1000',
    title: planTitle(fen(100_000), fen(20_000)),
    pay: fen(100_000),
    bonus: fen(20_000),
    gifts: [
      { kind: 'coupon', templateId: 'tpl-drink', title: '任意饮品兑换券', count: 2 },
      { kind: 'points_multiplier', factor: 200, days: 30 }
    ],
    stores: 'all',
    active: true,
    sort: 20,
    tag: '热卖'
  }
]

export const DEMO_OFFER_SETTINGS: OfferSettings = {
  custom: {
    enabled: true,
    min: fen(1_000),
    max: fen(500_000),
    bonus: { kind: 'per_step', step: fen(10_000), bonus: fen(500) }
  },
  cap: DEFAULT_CAP,
  capCountsBonus: true,
  riskMode: false
}

export const DEMO_CAMPAIGNS: Campaign[] = [
  {
    id: 'c-newmember',
    title: '新会员首充满1000元加赠20元',
    description: '首次充值满1000元（套餐或自定义金额）额外加赠20元，每人限1次',
    active: true,
    ...shanghaiDateWindow('2026-11-01', '2027-10-31'),
    scope: { plans: 'all', custom: true, stores: 'all', newMembersOnly: true, minPay: fen(100_000) },
    effect: { kind: 'fixed', bonus: fen(2_000) },
    perMemberLimit: 1,
    stacking: 'exclusive',
    exclusiveGroup: 'welcome',
    priority: 10,
    onPlanBonus: 'add'
  },
  {
    id: 'c-guoqing-2026',
    title: '国庆充值加赠10%',
    description: '10月1日至7日充值，按实付金额加赠10%',
    active: true,
    ...shanghaiDateWindow('2026-10-01', '2026-10-07'),
    scope: { plans: 'all', custom: true, stores: 'all', newMembersOnly: false },
    effect: { kind: 'percent', bps: 1_000 },
    stacking: 'stack',
    priority: 0,
    onPlanBonus: 'add'
  }
]
