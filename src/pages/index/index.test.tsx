import { fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { BALANCES, USERS } from '../../../test/fixtures/backend'
import { fakeBackend, fakeDevUsersEndpoint, resetWebState, setPageParams, settle } from '../../../test/web/helpers'
import { ApiError } from '../../services'
import Home from './index'

jest.mock('../../services/transport')

beforeEach(() => {
  resetWebState()
  fakeDevUsersEndpoint()
})

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()

test('home shows the balance and tier the API returns', async () => {
  const backend = fakeBackend()
  window.localStorage.setItem('chuzhi.devOpenid', 'demo-customer')
  const { container } = render(<Home />)
  await settle()
  await waitFor(() => expect(text(container, '#balance-total')).toBe('350.00'))
  expect(text(container, '#balance-principal')).toBe('¥300.00')
  expect(text(container, '#balance-bonus')).toBe('¥50.00')
  expect(text(container, '#tier-badge')).toBe(BALANCES['demo-customer'].tier.name)
  expect(backend.calls).toEqual([{ name: 'wallet', event: { action: 'balance' }, openid: 'demo-customer' }])
})

test('switching the dev user stores the openid and reloads that user’s balance', async () => {
  const backend = fakeBackend()
  window.localStorage.setItem('chuzhi.devOpenid', 'demo-customer')
  const { container } = render(<Home />)
  await settle()
  await waitFor(() => expect(text(container, '#dev-user-current')).toBe(USERS[0].name))
  await waitFor(() => expect(text(container, '#balance-total')).toBe('350.00'))
  for (const u of USERS) expect(container.querySelector(`#dev-user-${u.openid}`)).not.toBeNull()

  fireEvent.click(container.querySelector('#dev-user-demo-customer-2')!)
  await waitFor(() => expect(text(container, '#balance-total')).toBe('100.00'))
  expect(text(container, '#balance-principal')).toBe('¥88.00')
  expect(text(container, '#dev-user-current')).toBe('第二位顾客')
  expect(text(container, '#tier-badge')).toBe('黄金会员')
  expect(window.localStorage.getItem('chuzhi.devOpenid')).toBe('demo-customer-2')
  expect(backend.calls.map((c) => c.openid)).toEqual(['demo-customer', 'demo-customer-2'])
})

test('without a stored user the first demo user is used', async () => {
  const backend = fakeBackend()
  const { container } = render(<Home />)
  await settle()
  await waitFor(() => expect(text(container, '#dev-user-current')).toBe(USERS[0].name))
  expect(window.localStorage.getItem('chuzhi.devOpenid')).toBe(USERS[0].openid)
  // the mocked transport reads the stored openid the way transport.h5 does
  await waitFor(() => expect(text(container, '#balance-total')).toBe('350.00'))
  expect(backend.calls.length).toBeGreaterThan(0)
})

test('the buttons go to recharge and wallet', async () => {
  fakeBackend()
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  const { container } = render(<Home />)
  await settle()
  await waitFor(() => expect(container.querySelector('#go-recharge')).not.toBeNull())
  fireEvent.click(container.querySelector('#go-recharge')!)
  fireEvent.click(container.querySelector('#go-wallet')!)
  expect(nav.mock.calls.map(([o]) => o.url)).toEqual(['/pages/recharge/index', '/pages/wallet/index'])
  nav.mockRestore()
})

test('买单 opens checkout for the store the home page was opened with; 会员等级 opens the member page', async () => {
  fakeBackend()
  setPageParams({ storeId: 'store-xuhui' })
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  try {
    const { container } = render(<Home />)
    await settle()
    await waitFor(() => expect(container.querySelector('#go-checkout')).not.toBeNull())
    fireEvent.click(container.querySelector('#go-checkout')!)
    fireEvent.click(container.querySelector('#go-member')!)
    expect(nav.mock.calls.map(([o]) => o.url)).toEqual([
      '/packages/checkout/pages/index/index?storeId=store-xuhui',
      '/packages/member/pages/index/index'
    ])
  } finally {
    nav.mockRestore()
  }
})

test('offline: the catalogue text and a retry instead of "--"; retry loads the balance', async () => {
  const { send } = jest.requireMock('../../services/transport')
  send.mockRejectedValue(new ApiError('NETWORK', ''))
  const { container } = render(<Home />)
  await settle()
  await waitFor(() => expect(text(container, '#state-error-text')).toBe('网络异常，请检查网络后重试'))
  expect(container.querySelector('#balance-total')).toBeNull()
  fakeBackend()
  fireEvent.click(container.querySelector('#state-retry')!)
  await waitFor(() => expect(text(container, '#balance-total')).toBe('350.00'))
})

test('a server message that is not for members (English, a code) is replaced by the catalogue text', async () => {
  const { send } = jest.requireMock('../../services/transport')
  send.mockResolvedValue({ ok: false, error: { code: 'INTERNAL', message: 'TypeError: Cannot read properties of undefined' } })
  const { container } = render(<Home />)
  await settle()
  await waitFor(() => expect(text(container, '#state-error-text')).toBe('系统繁忙，请稍后重试'))
  expect(container.textContent).not.toMatch(/TypeError|INTERNAL/)
})

test('the header shows the merchant and tier; the staff desk only for staff', async () => {
  const customer = { ...BALANCES['demo-customer'], merchantName: '储值示范咖啡', isStaff: false }
  fakeBackend({ balance: () => customer })
  const first = render(<Home />)
  await settle()
  await waitFor(() => expect(text(first.container, '#home-brand')).toBe('储值示范咖啡'))
  expect(text(first.container, '#tier-badge')).toBe(customer.tier.name)
  expect(first.container.querySelector('#go-giftcard')).not.toBeNull()
  expect(first.container.querySelector('#go-staff')).toBeNull()
  first.unmount()

  fakeBackend({ balance: () => ({ ...customer, isStaff: true }) })
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  const staff = render(<Home />)
  await settle()
  await waitFor(() => expect(staff.container.querySelector('#go-staff')).not.toBeNull())
  fireEvent.click(staff.container.querySelector('#go-staff')!)
  expect(nav.mock.calls.map(([o]) => o.url)).toEqual(['/packages/staff/pages/index/index'])
  nav.mockRestore()
})
