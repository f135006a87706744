import { fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { BALANCES, USERS } from '../../../test/fixtures/backend'
import { fakeBackend, fakeDevUsersEndpoint, resetWebState, settle } from '../../../test/web/helpers'
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
  fireEvent.click(container.querySelector('#go-recharge')!)
  fireEvent.click(container.querySelector('#go-wallet')!)
  expect(nav.mock.calls.map(([o]) => o.url)).toEqual(['/pages/recharge/index', '/pages/wallet/index'])
  nav.mockRestore()
})

test('an API failure is shown instead of a balance', async () => {
  const { send } = jest.requireMock('../../services/transport')
  send.mockResolvedValue({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  const { container } = render(<Home />)
  await settle()
  await waitFor(() => expect(text(container, '#balance-error')).toBe('请先登录'))
  expect(text(container, '#balance-total')).toBe('--')
})
