/** The demo merchant's coupon templates and points rule (seeded with DEMO_TIER_TERMS). */
import { fen } from '../money'
import type { CouponTemplate } from './coupons'

/** 充1000送200's gift: two drink coupons, modelled as ¥30 off any bill (无门槛), 30 days. */
export const DEMO_COUPON_TEMPLATES: CouponTemplate[] = [{ id: 'tpl-drink', title: '任意饮品兑换券', threshold: fen(0), off: fen(3_000), stores: 'all', validDays: 30 }]

export const DEMO_POINTS = { perYuan: 1 }
