import { fen } from '../money'
import { describeFreeBill, freeBillOffer, freeBillRuleProblems } from './free-bill'
import { freeRule } from './free-bill.fixture'
import { NOW } from './test-helpers'

const bill = { amount: fen(12_000), price: fen(11_400), storeId: 'store-xuhui', now: NOW }
const unused = { storeUsed: fen(0), memberUses: 0 }

describe('freeBillOffer', () => {
  it('bill ¥120 (¥114 at 银卡): recharge ¥600, the ¥114 the member would pay is free', () => {
    expect(freeBillOffer(freeRule(), bill, unused)).toEqual({ ruleId: 'fb5', title: '充600本单免单', pay: 60_000, free: 11_400 })
  })

  it('stays within the store budget and the member limit, both counted with what is pending', () => {
    expect(freeBillOffer(freeRule(), bill, { storeUsed: fen(100_000 - 11_400), memberUses: 0 })).not.toBeNull()
    expect(freeBillOffer(freeRule(), bill, { storeUsed: fen(100_000 - 11_399), memberUses: 0 })).toBeNull()
    expect(freeBillOffer(freeRule({ perMemberLimit: 2 }), bill, { storeUsed: fen(0), memberUses: 1 })).not.toBeNull()
    expect(freeBillOffer(freeRule(), bill, { storeUsed: fen(0), memberUses: 1 })).toBeNull()
  })

  it('only for bills in range, in scope, in its window, while active', () => {
    expect(freeBillOffer(freeRule(), { ...bill, amount: fen(999) }, unused)).toBeNull()
    expect(freeBillOffer(freeRule(), { ...bill, amount: fen(50_001) }, unused)).toBeNull()
    expect(freeBillOffer(freeRule({ stores: ['store-jingan'] }), bill, unused)).toBeNull()
    expect(freeBillOffer(freeRule({ endsAt: '2026-11-23T12:00:00.000+08:00' }), bill, unused)).toBeNull()
    expect(freeBillOffer(freeRule({ active: false }), bill, unused)).toBeNull()
  })
})

describe('freeBillRuleProblems', () => {
  it('a sound rule has none; each problem is named', () => {
    expect(freeBillRuleProblems(freeRule())).toEqual([])
    expect(freeBillRuleProblems(freeRule({ multiple: 1, minBill: fen(5_000), maxBill: fen(1_000), storeBudget: fen(0), perMemberLimit: 0 }))).toEqual([
      'multiple must be an integer 2..100',
      'minBill must not exceed maxBill',
      'storeBudget must be positive fen',
      'perMemberLimit must be a positive integer'
    ])
    expect(freeBillRuleProblems(freeRule({ startsAt: '2026-12-01T00:00:00+08:00', endsAt: '2026-11-01T00:00:00+08:00' }))).toEqual([
      'endsAt must be after startsAt'
    ])
    expect(freeBillRuleProblems(freeRule({ endsAt: '2026-12-01' }))).toEqual(['endsAt is not an ISO instant with offset'])
  })

  it('describes itself for the staff page', () => {
    expect(describeFreeBill(freeRule())).toBe('消费¥10.00至¥500.00，充值5倍本单免单')
  })
})
