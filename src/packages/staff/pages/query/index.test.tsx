import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MemberQuery from './index'
import { send } from '../../../../services/transport'
import { fakeDesk } from '../../testing/fake-desk'

jest.mock('../../../../services/transport', () => ({ send: jest.fn() }))
const mockSend = send as jest.MockedFunction<typeof send>

async function search(c: HTMLElement, value: string) {
  const input = await waitFor(() => {
    const el = c.querySelector('#member-query input')
    if (!el) throw new Error('inner <input> not rendered yet')
    return el
  })
  fireEvent.input(input, { target: { value } })
  await act(async () => {
    fireEvent.click(c.querySelector('#member-query-submit')!)
  })
}

afterEach(() => {
  mockSend.mockReset()
  jest.restoreAllMocks()
})

test('finds a member by phone, shows the balance and opens the detail', async () => {
  const desk = fakeDesk()
  mockSend.mockImplementation(desk.send as never)
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  const { container: c } = render(<MemberQuery />)
  await search(c, '13800000001')
  await waitFor(() => expect(c.querySelector('#member-result')).not.toBeNull())
  expect(desk.calls).toEqual([{ name: 'ops', event: { action: 'memberFind', query: '13800000001' } }])
  const result = c.querySelector('#member-result')!
  expect(result).toHaveTextContent('会员码 10000001')
  expect(result).toHaveTextContent('138****0001')
  expect(result).toHaveTextContent('230.00')
  expect(result).toHaveTextContent('本金 ¥200.00 · 赠送 ¥30.00')
  await act(async () => {
    fireEvent.click(result)
  })
  expect(nav).toHaveBeenCalledWith({ url: '/packages/staff/pages/member/index?openid=o-member-1' })
})

test('says what to type before asking the server, and shows the server’s not-found in Chinese', async () => {
  const desk = fakeDesk()
  mockSend.mockImplementation(desk.send as never)
  const { container: c } = render(<MemberQuery />)
  await search(c, '1380000')
  expect(c.querySelector('#member-query-hint')).toHaveTextContent('请输入11位手机号或8位会员码')
  expect(desk.calls).toEqual([])
  await search(c, '13900000000')
  await waitFor(() => expect(c.querySelector('#member-query-error')).toHaveTextContent('没有找到该会员'))
  expect(c.querySelector('#member-result')).toBeNull()
})

test('tells a cashier the member belongs to another store', async () => {
  const desk = fakeDesk({ fail: { memberFind: { code: 'FORBIDDEN', message: '该会员未在您负责的门店充值或消费过，请联系总部查询' } } })
  mockSend.mockImplementation(desk.send as never)
  const { container: c } = render(<MemberQuery />)
  await search(c, '10000001')
  await waitFor(() => expect(c.querySelector('#member-query-error')).toHaveTextContent('请联系总部查询'))
})
