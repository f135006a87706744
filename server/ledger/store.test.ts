import { useTestStack, type TestStack } from '../../test/stack'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { openStoreAccounts, storeAccountShards, storeBalance } from './store'

let s: TestStack
useTestStack((started) => (s = started))

describe('storeBalance', () => {
  it('is zero for a store nothing was paid into', async () => {
    expect(await storeBalance('no-such-store')).toEqual({ fund: 0, promo: 0 })
  })

  it("sums every shard of the store's fund and promotion accounts", async () => {
    const outTradeNos: string[] = []
    for (let i = 0; i < 12; i++) {
      // one member per order: a member's second create with the same plan while the first is unpaid reuses that order
      const order = await s.createOrder(`store-bal-${i}`, { planId: i % 2 ? 'p300' : 'p1000' })
      s.sim.pay(order.outTradeNo)
      outTradeNos.push(order.outTradeNo)
    }
    await s.sim.idle()
    const { data } = await database().collection(C.accounts).where({ owner: 'online' }).limit(100).get()
    const fundShards = (data as Array<{ _id: string; kind: string }>).filter((a) => a.kind === 'store_fund').map((a) => a._id)
    expect(fundShards.every((id) => /^s:online:fund:([0-9]|[12][0-9]|3[01])$/.test(id))).toBe(true)
    expect(fundShards.length).toBeGreaterThan(1) // 12 orders over 32 shards
    const orders = await Promise.all(outTradeNos.map((no) => s.order(no)))
    expect(orders.every((o) => o.status === 'credited')).toBe(true)
    expect(await storeBalance('online')).toEqual({
      fund: orders.reduce((sum, o) => sum + o.pay, 0),
      promo: orders.reduce((sum, o) => sum + o.bonus, 0)
    })
    await s.expectLedgerConsistent()
  })
})

describe('storeAccountShards', () => {
  it('defaults to 32 and reads CHUZHI_STORE_ACCOUNT_SHARDS', () => {
    expect(storeAccountShards({})).toBe(32)
    expect(storeAccountShards({ CHUZHI_STORE_ACCOUNT_SHARDS: ' 16 ' })).toBe(16)
    expect(storeAccountShards({ CHUZHI_STORE_ACCOUNT_SHARDS: '1' })).toBe(1)
  })
  it('refuses a value that is not a whole number of shards', () => {
    for (const bad of ['0', '-2', '1.5', 'eight', '100000']) expect(() => storeAccountShards({ CHUZHI_STORE_ACCOUNT_SHARDS: bad })).toThrow(/CHUZHI_STORE_ACCOUNT_SHARDS/)
  })
})

describe('openStoreAccounts', () => {
  it("opens every shard of a store's fund, promotion and spend documents at zero, once, and postings then only increment them", async () => {
    expect(await openStoreAccounts('store-new', 4)).toBe(12)
    expect(await openStoreAccounts('store-new', 4)).toBe(0)
    const { data } = await database().collection(C.accounts).where({ owner: 'store-new' }).limit(100).get()
    expect((data as Array<{ _id: string; balance?: number; revenue?: number; bonusRedeemed?: number }>).map((a) => [a._id, a.balance, a.revenue, a.bonusRedeemed]).sort()).toEqual(
      [0, 1, 2, 3]
        .flatMap((k) => [
          [`s:store-new:fund:${k}`, 0, undefined, undefined],
          [`s:store-new:promo:${k}`, 0, undefined, undefined],
          [`s:store-new:spend:${k}`, undefined, 0, 0]
        ])
        .sort()
    )
    expect(await storeBalance('store-new')).toEqual({ fund: 0, promo: 0 })
  })
})
