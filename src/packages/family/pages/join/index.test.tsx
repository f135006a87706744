import { fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { fakeBackend, resetWebState, setPageParams, settle } from '../../../../../test/web/helpers'
import { ApiError } from '../../../../services'
import JoinFamily from './index'

jest.mock('../../../../services/transport')

const as = (openid: string) => window.localStorage.setItem('chuzhi.devOpenid', openid)
const JOIN = '/packages/family/pages/join/index'

beforeEach(() => resetWebState())

test('a link without a token says so (empty), without calling anything to join', async () => {
  const backend = fakeBackend()
  setPageParams({}, JOIN)
  const { container } = render(<JoinFamily />)
  await settle()
  expect(container.querySelector('#join-invalid')).toHaveTextContent('邀请链接无效')
  expect(backend.calls.every((c) => c.event.action !== 'accept')).toBe(true)
})

test('loading and error with retry', async () => {
  setPageParams({ token: 'a'.repeat(32) }, JOIN)
  const send = jest.requireMock('../../../../services/transport').send as jest.Mock
  send.mockReturnValue(new Promise(() => {}))
  const loading = render(<JoinFamily />)
  await settle()
  expect(loading.container.querySelector('#state-loading')).not.toBeNull()
  loading.unmount()
  send.mockRejectedValue(new ApiError('NETWORK', ''))
  const { container } = render(<JoinFamily />)
  await waitFor(() => expect(container.querySelector('#state-retry')).not.toBeNull())
  fakeBackend()
  as('demo-admin')
  fireEvent.click(container.querySelector('#state-retry')!)
  await waitFor(() => expect(container.querySelector('#join-card')).not.toBeNull())
})

test('accepts the invitation with the name the owner will see, then opens the family page', async () => {
  const backend = fakeBackend()
  as('demo-customer')
  const token = (await backend.call('family', { action: 'invite' }, 'demo-customer')) as any
  setPageParams({ token: token.data.token }, JOIN)
  as('demo-admin')
  const redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never)
  const { container } = render(<JoinFamily />)
  await settle()
  await waitFor(() => expect(container.querySelector('#join-card')).toHaveTextContent('家人邀请你共享储值余额'))
  const input = container.querySelector('#join-name input') ?? container.querySelector('#join-name')!
  fireEvent.input(input, { target: { value: '阿姨' } })
  fireEvent.click(container.querySelector('#join-accept')!)
  await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/packages/family/pages/index/index' }))
  expect(backend.calls.find((c) => c.event.action === 'accept')?.event).toEqual({ action: 'accept', token: token.data.token, name: '阿姨' })
  redirect.mockRestore()
})

test('a used or expired link: the refusal in Chinese, nothing else', async () => {
  fakeBackend()
  setPageParams({ token: 'f'.repeat(32) }, JOIN)
  as('demo-admin')
  const redirect = jest.spyOn(Taro, 'redirectTo')
  const { container } = render(<JoinFamily />)
  await waitFor(() => expect(container.querySelector('#join-accept')).not.toBeNull())
  fireEvent.click(container.querySelector('#join-accept')!)
  await waitFor(() => expect(container.querySelector('#join-problem')).toHaveTextContent('邀请已过期，请让家人重新分享'))
  expect(redirect).not.toHaveBeenCalled()
  redirect.mockRestore()
})

test('someone already in a family is told so instead of a join button', async () => {
  fakeBackend()
  setPageParams({ token: 'a'.repeat(32) }, JOIN)
  as('demo-customer-2')
  const { container } = render(<JoinFamily />)
  await waitFor(() => expect(container.querySelector('#join-already')).toHaveTextContent('你已加入「家人」的家庭'))
  expect(container.querySelector('#join-accept')).toBeNull()
})
