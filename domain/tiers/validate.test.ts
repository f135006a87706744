import { fen } from '../money'
import { DEMO_TIER_TERMS } from './demo'
import { tierTermsProblems } from './validate'
import type { TierTerms } from './types'

const [silver, gold, black] = DEMO_TIER_TERMS.tiers

describe('tierTermsProblems', () => {
  it('the demo terms have none', () => {
    expect(tierTermsProblems(DEMO_TIER_TERMS)).toEqual([])
    expect(tierTermsProblems({ version: 'empty', tiers: [] })).toEqual([])
  })

  it('lists every problem at once', () => {
    const bad: TierTerms = {
      version: '',
      tiers: [
        { ...silver, threshold: fen(0), payPermille: 95 },
        { ...gold, threshold: fen(30_000), payPermille: 950.5, benefits: ['', '会员活动'] },
        { ...black, id: 'gold', threshold: fen(20_000), payPermille: 990, benefits: ['优先服务', '优先服务'] }
      ]
    }
    expect(tierTermsProblems(bad)).toEqual([
      'version is required',
      'tier 银卡: threshold must be positive fen',
      'tier 银卡: payPermille must be an integer 500..1000',
      'tier 金卡: payPermille must be an integer 500..1000',
      'tier 金卡: benefits must be non-empty text',
      'tier 黑金: repeated benefit',
      'duplicate tier id gold',
      "tier 黑金: threshold must be above 金卡's",
      "tier 黑金: discount must not be smaller than 金卡's"
    ])
  })

  it('thresholds must strictly ascend; equal discounts on adjacent tiers are allowed', () => {
    expect(tierTermsProblems({ version: 'v', tiers: [silver, { ...gold, threshold: silver.threshold }] })).toEqual([
      "tier 金卡: threshold must be above 银卡's"
    ])
    expect(tierTermsProblems({ version: 'v', tiers: [silver, { ...gold, payPermille: silver.payPermille }] })).toEqual([])
    expect(tierTermsProblems({ version: 'v', tiers: [{ ...silver, name: '', payPermille: 1001 }] })).toEqual([
      'tier silver: name is required',
      'tier silver: payPermille must be an integer 500..1000'
    ])
  })
})
