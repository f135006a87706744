// The demo 金卡 member the issue-10 journey pays with, seeded through recharge, the simulator
// and checkout (local/seed.ts), so every figure is the functions' own and the ledger reconciles.
import { useTestStack, type TestStack } from '../test/stack'
import { DEMO_GOLD } from './seed'

let s: TestStack
useTestStack((started) => (s = started))

test('demo-gold is 金卡 with ¥350.00 and pays a ¥120 bill as ¥108', async () => {
  const me = DEMO_GOLD.openid
  expect(await s.balance(me)).toMatchObject({ total: 35_000, isMember: true, tier: { code: 'gold', name: '金卡', discountLabel: '9折' } })
  const m = await s.data('wallet', { action: 'member' }, me)
  expect(m).toMatchObject({ tier: { code: 'gold' }, netRecharged: 100_000, memberCode: expect.stringMatching(/^\d{8}$/) })
  expect((await s.data('wallet', { action: 'coupons' }, me)).coupons.map((c: any) => c.state)).toEqual(['usable', 'usable'])
  expect((await s.data('wallet', { action: 'points' }, me)).balance).toBeGreaterThan(0)
  expect((await s.data('wallet', { action: 'history' }, me)).items.map((i: any) => i.kind)).toEqual(['spend', 'recharge'])
  const q = await s.data('checkout', { action: 'quote', storeId: 'store-xuhui', amount: 12_000 }, me)
  expect(q).toMatchObject({ tierDiscount: 1_200, payable: 10_800, shortfall: 0 })
})
