import { availablePlans, inStoreScope, planAvailability } from './scope'
import { NOW, plan } from './test-helpers'

const at = { now: NOW, storeId: 'store-a' }

describe('store scope', () => {
  it("'all' includes every store and online; a list only its members", () => {
    expect(inStoreScope('all', 'online')).toBe(true)
    expect(inStoreScope(['store-a', 'online'], 'online')).toBe(true)
    expect(inStoreScope(['store-a'], 'online')).toBe(false)
    expect(inStoreScope(['store-a'], 'store-b')).toBe(false)
  })
})

describe('planAvailability', () => {
  it('says why a plan cannot be bought', () => {
    expect(planAvailability(plan(), at)).toBe('ok')
    expect(planAvailability(plan({ active: false }), at)).toBe('inactive')
    expect(planAvailability(plan({ stores: ['store-b'] }), at)).toBe('store_not_in_scope')
    expect(planAvailability(plan({ startsAt: '2026-12-01T00:00:00.000+08:00' }), at)).toBe('not_started')
    expect(planAvailability(plan({ endsAt: '2026-11-01T00:00:00.000+08:00' }), at)).toBe('ended')
  })

  it('window is start-inclusive and end-exclusive at Shanghai midnight', () => {
    const p = plan({ startsAt: '2026-11-24T00:00:00.000+08:00', endsAt: '2026-11-25T00:00:00.000+08:00' })
    const t = (iso: string) => planAvailability(p, { now: new Date(iso), storeId: 'x' })
    expect(t('2026-11-23T15:59:59.999Z')).toBe('not_started')
    expect(t('2026-11-23T16:00:00.000Z')).toBe('ok')
    expect(t('2026-11-24T15:59:59.999Z')).toBe('ok')
    expect(t('2026-11-24T16:00:00.000Z')).toBe('ended')
  })
})

describe('availablePlans', () => {
  it('keeps buyable plans, sorted by sort then id', () => {
    const plans = [
      plan({ id: 'z', sort: 1 }),
      plan({ id: 'off', sort: 0, active: false }),
      plan({ id: 'elsewhere', sort: 0, stores: ['store-b'] }),
      plan({ id: 'b', sort: 0 }),
      plan({ id: 'a', sort: 0 }),
      plan({ id: 'old', sort: 0, endsAt: '2026-01-01T00:00:00.000+08:00' })
    ]
    expect(availablePlans(plans, at).map((p) => p.id)).toEqual(['a', 'b', 'z'])
    expect(availablePlans(plans, { now: NOW, storeId: 'store-b' }).map((p) => p.id)).toEqual(['a', 'b', 'elsewhere', 'z'])
  })
})
