import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { fakeBackend, resetWebState, settle } from '../../../test/web/helpers'
import Wallet from './index'

jest.mock('../../services/transport')

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()
const items = (c: HTMLElement) => Array.from(c.querySelectorAll('#history-list .history-item'))

beforeEach(() => resetWebState())

test('shows principal, bonus and total from the API', async () => {
  fakeBackend()
  window.localStorage.setItem('chuzhi.devOpenid', 'demo-customer')
  const { container: c } = render(<Wallet />)
  await settle()
  await waitFor(() => expect(text(c, '#balance-total')).toBe('350.00'))
  expect(text(c, '#balance-principal')).toBe('¥300.00')
  expect(text(c, '#balance-bonus')).toBe('¥50.00')
})

test('history paginates with the server cursor until there is no next page', async () => {
  const backend = fakeBackend({ historySize: 25, pageSize: 10 })
  const { container: c } = render(<Wallet />)
  await settle()
  await waitFor(() => expect(items(c)).toHaveLength(10))
  const first = items(c)[0]
  expect(first).toHaveTextContent('充值')
  expect(first).toHaveTextContent('+¥115.00')
  expect(first).toHaveTextContent('2026-11-20 12:00 · 人民路店')
  expect(items(c)[1]).toHaveTextContent('-¥23.00')

  await act(async () => {
    fireEvent.click(c.querySelector('#history-more')!)
  })
  await waitFor(() => expect(items(c)).toHaveLength(20))
  await act(async () => {
    fireEvent.click(c.querySelector('#history-more')!)
  })
  await waitFor(() => expect(items(c)).toHaveLength(25))
  expect(c.querySelector('#history-more')).toBeNull()
  expect(c).toHaveTextContent('没有更多了')

  const historyCalls = backend.calls.filter((x) => x.event.action === 'history').map((x) => x.event)
  expect(historyCalls).toEqual([{ action: 'history' }, { action: 'history', cursor: '10' }, { action: 'history', cursor: '20' }])
  // no duplicates across pages
  expect(new Set(items(c).map((el) => el.id)).size).toBe(25)
})

test('an empty history shows the empty state and no load-more', async () => {
  fakeBackend({ historySize: 0 })
  const { container: c } = render(<Wallet />)
  await settle()
  await waitFor(() => expect(c).toHaveTextContent('还没有余额变动'))
  expect(c.querySelector('#history-more')).toBeNull()
})

test('tapping an entry opens its detail page', async () => {
  fakeBackend()
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  const { container: c } = render(<Wallet />)
  await settle()
  await waitFor(() => expect(items(c).length).toBeGreaterThan(0))
  fireEvent.click(items(c)[2])
  expect(nav).toHaveBeenCalledWith({ url: '/pages/wallet-entry/index?id=h003' })
  nav.mockRestore()
})
