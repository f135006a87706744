import { fen } from '../money'
import { bonusRuleProblems, campaignProblems, customRuleProblems, planProblems } from './validate'
import { campaign, plan } from './test-helpers'

describe('planProblems', () => {
  it('a sound plan has none', () => {
    expect(planProblems(plan())).toEqual([])
  })

  it('names each problem', () => {
    expect(planProblems(plan({ pay: 0 as never, bonus: -1 as never, stores: [] }))).toEqual([
      'pay must be a positive integer of fen',
      'bonus must be a non-negative integer of fen',
      "stores must be 'all' or a non-empty list"
    ])
    expect(planProblems(plan({ pay: 300.5 as never }))).toContain('pay must be a positive integer of fen')
    expect(planProblems(plan({ startsAt: '2026-11-01' }))).toEqual(['startsAt is not an ISO instant with offset'])
    expect(planProblems(plan({ startsAt: '2026-11-02T00:00:00+08:00', endsAt: '2026-11-01T00:00:00+08:00' }))).toEqual([
      'endsAt must be after startsAt'
    ])
    expect(planProblems(plan({ gifts: [{ kind: 'points_multiplier', factor: 100 }] }))).toEqual([
      'points factor must be an integer percent above 100'
    ])
  })
})

describe('bonus and custom rules', () => {
  it('tiers must not pay less for more, nor repeat a min', () => {
    expect(bonusRuleProblems({ kind: 'tiers', tiers: [{ min: fen(100), bonus: fen(10) }, { min: fen(50), bonus: fen(20) }] })).toEqual([
      'tier bonuses must not decrease as min grows'
    ])
    expect(bonusRuleProblems({ kind: 'tiers', tiers: [{ min: fen(100), bonus: fen(10) }, { min: fen(100), bonus: fen(10) }] })).toEqual([
      'duplicate tier min 100'
    ])
  })

  it('percent within 0..100%, step positive, min ≤ max', () => {
    expect(bonusRuleProblems({ kind: 'percent', bps: 10_001 })).toHaveLength(1)
    expect(bonusRuleProblems({ kind: 'per_step', step: fen(0), bonus: fen(5) })).toEqual(['step must be positive fen'])
    expect(customRuleProblems({ enabled: true, min: fen(2_000), max: fen(1_000), bonus: { kind: 'none' } })).toEqual([
      'min must not exceed max'
    ])
  })
})

describe('campaignProblems', () => {
  it('a sound campaign has none', () => {
    expect(campaignProblems(campaign())).toEqual([])
  })

  it('catches contradictions in the data', () => {
    expect(campaignProblems(campaign({ exclusiveGroup: 'g' }))).toEqual(["exclusiveGroup only applies to 'exclusive' campaigns"])
    expect(campaignProblems(campaign({ perMemberLimit: 0 }))).toEqual(['perMemberLimit must be a positive integer'])
    expect(campaignProblems(campaign({ scope: { plans: [], custom: false, stores: 'all', newMembersOnly: false } }))).toEqual([
      'scope covers no plan and no custom amount'
    ])
    expect(campaignProblems(campaign({ effect: { kind: 'percent', bps: 0 } }))).toEqual(['effect bps must be an integer 1..10000'])
    expect(campaignProblems(campaign({ endsAt: '2026-11-01T00:00:00.000+08:00' }))).toEqual(['endsAt must be after startsAt'])
  })
})
