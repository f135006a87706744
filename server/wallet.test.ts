import { useTestStack, type TestStack } from '../test/stack'

let s: TestStack
useTestStack((started) => (s = started))

describe('wallet.balance: what the member home needs besides the money', () => {
  it('says who is staff (the staff list requireStaff checks), so the home page shows the desk only to them', async () => {
    expect(await s.data('wallet', { action: 'balance' }, 'demo-customer')).toMatchObject({ isStaff: false })
    expect(await s.data('wallet', { action: 'balance' }, 'demo-cashier')).toMatchObject({ isStaff: true })
    expect(await s.data('wallet', { action: 'balance' }, 'demo-admin')).toMatchObject({ isStaff: true })
    // and the claim matches what the staff desk itself decides
    expect((await s.call('ops', { action: 'attention' }, 'demo-customer')).error.code).toBe('FORBIDDEN')
    expect((await s.call('ops', { action: 'attention' }, 'demo-cashier')).ok).toBe(true)
  })

  it('names the merchant from its settings for the home header', async () => {
    expect(await s.data('wallet', { action: 'balance' }, 'wallet-someone-new')).toMatchObject({ merchantName: '储值示范咖啡', isMember: false, total: 0 })
  })
})
