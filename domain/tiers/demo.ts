/** The demo merchant's tier terms (issue 10's example), seeded with the demo offers. */
import { fen } from '../money'
import type { TierTerms } from './types'

export const DEMO_TIER_TERMS: TierTerms = {
  version: '2026-11-01',
  tiers: [
    { id: 'silver', name: '银卡', threshold: fen(30_000), payPermille: 950, benefits: ['生日券'] },
    { id: 'gold', name: '金卡', threshold: fen(80_000), payPermille: 900, benefits: ['生日券', '会员活动'] },
    { id: 'black', name: '黑金', threshold: fen(150_000), payPermille: 880, benefits: ['生日券', '会员活动', '优先服务'] }
  ]
}
