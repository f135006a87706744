import fc from 'fast-check'
import { MAX_BILL } from '../checkout/price'
import { fen } from '../money'
import { DEMO_TIER_TERMS } from '../tiers/demo'
import { DEMO_CAMPAIGNS, DEMO_OFFER_SETTINGS, DEMO_PLANS } from './demo'
import { freeRule } from './free-bill.fixture'
import { recommendForBill, type BillOffer, type BillRecommendationInput } from './recommend'
import { NOW, plan } from './test-helpers'

const offers = { plans: DEMO_PLANS, campaigns: DEMO_CAMPAIGNS, settings: DEMO_OFFER_SETTINGS }
const input = (over: Partial<BillRecommendationInput> = {}): BillRecommendationInput => ({
  bill: { amount: fen(12_000) },
  ctx: { now: NOW, storeId: 'store-xuhui', isMember: true, campaignUses: {} },
  balance: { principal: fen(0), bonus: fen(0) },
  member: { terms: DEMO_TIER_TERMS, netRecharged: fen(0) },
  offers,
  ...over
})
const brief = (os: BillOffer[]) => os.map((o) => [o.kind === 'plan' ? o.planId : o.ruleId, o.pay, o.savesToday])

describe('recommendForBill', () => {
  it('bill ¥120, no balance: 充1000送200 saves most (金卡 9折 + bonus), 充300送50 costs least', () => {
    // p1000: 金卡 → ¥108, saves ¥12 + bonus used 108 − floor(108 × 1000/1200) = ¥18 → ¥30
    // p300: 银卡 → ¥114, saves ¥6 + 114 − floor(114 × 300/350) = 114 − 97.71 → ¥16.29 → ¥22.29
    expect(brief(recommendForBill(input()))).toEqual([
      ['p1000', 100_000, 3_000],
      ['p300', 30_000, 2_229]
    ])
    expect(recommendForBill(input())[0]).toMatchObject({ price: { payable: 10_800, shortfall: 0 }, tierAfter: { id: 'gold' } })
  })

  it('a new member also gets the 新会员 campaign in the quote (and its value in the saving)', () => {
    const [best] = recommendForBill(input({ ctx: { ...input().ctx, isMember: false } }))
    expect(best).toMatchObject({ planId: 'p1000', quote: { credit: 122_000, campaignIds: ['c-newmember'] } })
    expect(best.savesToday).toBe(1_200 + (10_800 - Math.floor((10_800 * 100_000) / 122_000)))
  })

  it('充值免单 covers the bill: it saves the whole bill and ranks first; the cheapest plan comes second', () => {
    const r = recommendForBill(input({ freeBill: { rule: freeRule(), usage: { storeUsed: fen(0), memberUses: 0 } } }))
    expect(brief(r)).toEqual([
      ['fb5', 60_000, 12_000],
      ['p300', 30_000, 2_229]
    ])
    expect(r[0]).toMatchObject({ kind: 'free_bill', title: '充600本单免单', free: 12_000 })
  })

  it('with a coupon the free bill is the tier price (the coupon stays in the wallet); it saves what the member would pay today', () => {
    const cp = { id: 'cp', title: '满100减10', threshold: fen(10_000), off: fen(1_000), stores: 'all' as const, startsAt: '2026-11-01T00:00:00+08:00', endsAt: '2026-12-01T00:00:00+08:00' }
    const r = recommendForBill(input({ bill: { amount: fen(12_000), coupon: cp }, member: { terms: DEMO_TIER_TERMS, netRecharged: fen(30_000) }, freeBill: { rule: freeRule(), usage: { storeUsed: fen(0), memberUses: 0 } } }))
    expect(r[0]).toMatchObject({ kind: 'free_bill', pay: 60_000, free: 11_400, savesToday: 10_400 })
  })

  it('no 免单 past the member limit or the store budget', () => {
    for (const usage of [{ storeUsed: fen(0), memberUses: 1 }, { storeUsed: fen(95_000), memberUses: 0 }]) {
      expect(recommendForBill(input({ freeBill: { rule: freeRule(), usage } })).map((o) => o.kind)).toEqual(['plan', 'plan'])
    }
  })

  it('nothing when the balance covers the bill and no recharge would save on it (FIFO draws the old balance first)', () => {
    const covered = input({ balance: { principal: fen(20_000), bonus: fen(0) }, member: { terms: DEMO_TIER_TERMS, netRecharged: fen(200_000) } })
    expect(recommendForBill(covered)).toEqual([])
    // LIFO: the bill would come out of the new lot, so its bonus saves something
    expect(recommendForBill({ ...covered, order: 'lifo' }).length).toBeGreaterThan(0)
  })

  it('offers a plan with no saving when the balance is short: the member needs it to pay', () => {
    const flat = { ...offers, plans: [plan({ id: 'flat', pay: fen(20_000), bonus: fen(0) })], campaigns: [] }
    const r = recommendForBill(input({ offers: flat, member: { terms: { version: 'none', tiers: [] }, netRecharged: fen(0) } }))
    expect(brief(r)).toEqual([['flat', 20_000, 0]])
  })

  it('nothing that would break the cap, nothing that does not cover the bill, nothing in risk mode', () => {
    const nearCap = input({ balance: { principal: fen(460_000), bonus: fen(10_000) }, bill: { amount: fen(480_000) } })
    expect(recommendForBill(nearCap)).toEqual([]) // p300 covers but credits 350 → 5,050 > 5,000
    expect(recommendForBill(input({ bill: { amount: fen(200_000) } }))).toEqual([]) // no plan credits ¥2,000
    const frozen = { ...offers, settings: { ...DEMO_OFFER_SETTINGS, riskMode: true } }
    expect(recommendForBill(input({ offers: frozen, freeBill: { rule: freeRule(), usage: { storeUsed: fen(0), memberUses: 0 } } }))).toEqual([])
  })

  it('over bills from 1 fen to ¥100,000: at most two distinct offers, each covering the bill within the cap, savings within the bill, deterministic', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: MAX_BILL })),
        fc.integer({ min: 0, max: 400_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.boolean(),
        fc.constantFrom<'fifo' | 'lifo'>('fifo', 'lifo'),
        fc.integer({ min: 0, max: 120_000 }),
        (amount, p, b, recharged, isMember, order, storeUsed) => {
          const inp = input({
            bill: { amount: fen(amount) },
            ctx: { ...input().ctx, isMember },
            balance: { principal: fen(p), bonus: fen(b) },
            member: { terms: DEMO_TIER_TERMS, netRecharged: fen(recharged) },
            freeBill: { rule: freeRule(), usage: { storeUsed: fen(storeUsed), memberUses: 0 } },
            order
          })
          const r = recommendForBill(inp)
          expect(r.length).toBeLessThanOrEqual(2)
          if (r.length === 2) expect(r[0]).not.toEqual(r[1])
          const shuffled = recommendForBill({ ...inp, offers: { ...offers, plans: [...DEMO_PLANS].reverse() } })
          expect(shuffled).toEqual(r)
          const total = p + b
          for (const o of r) {
            expect(Number.isSafeInteger(o.savesToday) && o.savesToday >= 0 && o.savesToday <= amount).toBe(true)
            if (o.kind === 'plan') {
              expect(total + o.quote.credit).toBeGreaterThanOrEqual(o.price.payable)
              expect(total + o.quote.credit).toBeLessThanOrEqual(DEMO_OFFER_SETTINGS.cap)
            } else {
              expect(o.pay).toBe(amount * 5)
              expect(total + o.pay).toBeLessThanOrEqual(DEMO_OFFER_SETTINGS.cap)
              expect(storeUsed + o.free).toBeLessThanOrEqual(100_000)
            }
          }
        }
      )
    )
  })
})
