import { fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { fakeBackend, resetWebState, settle } from '../../../../../test/web/helpers'
import { ApiError } from '../../../../services'
import FamilyPage from './index'

jest.mock('../../../../services/transport')

const as = (openid: string) => window.localStorage.setItem('chuzhi.devOpenid', openid)
const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()
const send = () => jest.requireMock('../../../../services/transport').send as jest.Mock

// the jest shim's Taro object has no showModal (the H5 build maps Taro.showModal to taro-h5's): a mock per test
const original = (Taro as { showModal?: unknown }).showModal
const modal = jest.fn()
beforeEach(() => {
  resetWebState()
  modal.mockReset()
  ;(Taro as { showModal?: unknown }).showModal = modal
})
afterEach(() => {
  ;(Taro as { showModal?: unknown }).showModal = original
})
const answer = (confirm: boolean) => ({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })

test('loading: skeleton while the family is on its way', async () => {
  send().mockReturnValue(new Promise(() => {}))
  const { container } = render(<FamilyPage />)
  await settle()
  expect(container.querySelector('#state-loading')).not.toBeNull()
})

test('error: the catalogue text and a retry that loads the family', async () => {
  send().mockRejectedValue(new ApiError('NETWORK', ''))
  const { container } = render(<FamilyPage />)
  await settle()
  await waitFor(() => expect(text(container, '#state-error-text')).toBe('网络异常，请检查网络后重试'))
  fakeBackend()
  as('demo-customer')
  fireEvent.click(container.querySelector('#state-retry')!)
  await waitFor(() => expect(container.querySelectorAll('.family-member')).toHaveLength(1))
})

test('empty: no family yet, with how many may join, and an invitation to share', async () => {
  const backend = fakeBackend()
  as('demo-admin')
  const { container } = render(<FamilyPage />)
  await settle()
  await waitFor(() => expect(container.querySelector('#family-empty')).toHaveTextContent('最多可邀请4位家人'))
  fireEvent.click(container.querySelector('#invite-create')!)
  await waitFor(() => expect(container.querySelector('#invite-share')).toHaveTextContent('复制邀请链接'))
  expect(container.querySelector('#invite-panel')).toHaveTextContent('只能使用一次')
  expect(backend.calls.map((c) => c.event.action)).toEqual(['list', 'invite'])
})

test('owner: each member with limit, spending this month and payments; set a limit in yuan, remove after confirming', async () => {
  const backend = fakeBackend()
  as('demo-customer')
  const { container } = render(<FamilyPage />)
  await settle()
  await waitFor(() => expect(container.querySelectorAll('.family-member')).toHaveLength(1))
  const card = container.querySelector('.family-member')!
  expect(text(container, '#family-count')).toBe('我的家人（1/4）')
  expect(card).toHaveTextContent('小明')
  expect(card.querySelector('.member-limit')).toHaveTextContent('每月限额 ¥500.00')
  expect(card.querySelector('.member-spent')).toHaveTextContent('本月已用 ¥46.00')
  expect(card).toHaveTextContent('人民路店')
  expect(card).toHaveTextContent('-¥46.00')

  fireEvent.click(card.querySelector('.member-set-limit')!)
  await waitFor(() => expect(container.querySelector('#limit-sheet')).not.toBeNull())
  const input = container.querySelector('#limit-input input') ?? container.querySelector('#limit-input')!
  fireEvent.input(input, { target: { value: '0' } })
  fireEvent.click(container.querySelector('#limit-save')!)
  await waitFor(() => expect(text(container, '#limit-error')).toBe('请输入大于0的金额，最多两位小数'))
  fireEvent.input(input, { target: { value: '300.5' } })
  fireEvent.click(container.querySelector('#limit-save')!)
  await waitFor(() => expect(container.querySelector('.member-limit')).toHaveTextContent('每月限额 ¥300.50'))
  expect(backend.calls.find((c) => c.event.action === 'setLimit')?.event).toEqual({ action: 'setLimit', memberId: 'fm_00000000000000a1', limit: 30050 })

  modal.mockResolvedValueOnce(answer(false))
  fireEvent.click(container.querySelector('.member-remove')!)
  await settle()
  expect(backend.calls.some((c) => c.event.action === 'remove')).toBe(false)
  modal.mockResolvedValueOnce(answer(true))
  fireEvent.click(container.querySelector('.member-remove')!)
  await waitFor(() => expect(container.querySelector('#family-empty')).toHaveTextContent('家人都已退出'))
  expect(container.querySelectorAll('.family-member')).toHaveLength(0)
})

test('member: whose balance, the limit and what is left this month; leaving after confirming', async () => {
  const backend = fakeBackend()
  as('demo-customer-2')
  const { container } = render(<FamilyPage />)
  await settle()
  await waitFor(() => expect(container.querySelector('#member-view')).toHaveTextContent('你正在使用「家人」的家庭余额'))
  expect(text(container, '#member-limit')).toBe('每月限额 ¥500.00')
  expect(text(container, '#member-left')).toBe('¥350.00')
  expect(container.querySelector('.family-member')).toBeNull()
  modal.mockResolvedValue(answer(true))
  fireEvent.click(container.querySelector('#family-leave')!)
  await waitFor(() => expect(container.querySelector('#family-empty')).not.toBeNull())
  expect(backend.calls.map((c) => c.event.action)).toEqual(['list', 'leave'])
})

test('a refusal is shown in Chinese on the page, not as a crash', async () => {
  fakeBackend()
  as('demo-customer-2')
  const { container } = render(<FamilyPage />)
  await settle()
  await waitFor(() => expect(container.querySelector('#member-view')).not.toBeNull())
  send().mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FAMILY_MEMBER', message: '你还没有加入家庭' } })
  modal.mockResolvedValue(answer(true))
  fireEvent.click(container.querySelector('#family-leave')!)
  await waitFor(() => expect(text(container, '#family-problem')).toBe('你还没有加入家庭'))
})
