import { act, fireEvent, render, waitFor } from '@testing-library/react'
import MemberDetail from './index'
import { send } from '../../../../services/transport'
import { setPageParams } from '../../../../../test/web/helpers'
import { fakeDesk, refundOf } from '../../testing/fake-desk'

jest.mock('../../../../services/transport', () => ({ send: jest.fn() }))
const mockSend = send as jest.MockedFunction<typeof send>

const pending = refundOf({ refundId: 'RF9', amount: 12345, state: 'pending_approval', reason: '搬家', wechatRefundId: '50300009', createdAt: '2026-12-01T02:00:00.000Z' })

async function typeInto(el: Element | null, value: string) {
  const input = await waitFor(() => {
    const i = el?.querySelector('input')
    if (!i) throw new Error('inner <input> not rendered yet')
    return i
  })
  fireEvent.input(input, { target: { value } })
}
const tap = (el: Element | null) =>
  act(async () => {
    fireEvent.click(el!)
  })

beforeEach(() => setPageParams({ openid: 'o-member-1' }, '/packages/staff/pages/member/index'))
afterEach(() => mockSend.mockReset())

test('shows the balance, lots, postings and refunds with their WeChat Pay ids', async () => {
  const desk = fakeDesk({ refunds: [pending] })
  mockSend.mockImplementation(desk.send as never)
  const { container: c } = render(<MemberDetail />)
  await waitFor(() => expect(c.querySelector('#member-balance')).not.toBeNull())
  expect(desk.calls[0]).toEqual({ name: 'ops', event: { action: 'memberDetail', openid: 'o-member-1' } })
  expect(c.querySelector('#member-balance')).toHaveTextContent('230.00')
  expect(c.querySelector('#member-balance')).toHaveTextContent('本金 ¥200.00 · 赠送 ¥30.00')
  const lots = c.querySelector('#member-lots')!
  expect(lots).toHaveTextContent('徐汇店 充¥300.00 赠¥50.00')
  expect(lots).toHaveTextContent('冷静期已过')
  expect(lots).toHaveTextContent('微信支付单号 4200000001')
  expect(lots).toHaveTextContent('另有1笔其他门店的充值')
  const history = c.querySelector('#member-history')!
  expect(history).toHaveTextContent('徐汇店 消费')
  expect(history).toHaveTextContent('-¥120.00')
  expect(history).toHaveTextContent('付款编号 pay-1')
  expect(history).toHaveTextContent('订单号 CZ1')
  const refund = c.querySelector('#refund-RF9')!
  expect(refund).toHaveTextContent('待审批')
  expect(refund).toHaveTextContent('退款单号 RF9-CZ1')
  expect(refund).toHaveTextContent('微信退款单号 50300009')
  expect(refund).toHaveTextContent('原因：搬家')
  // a refund in flight: no second one
  expect(c.querySelector('#refund-start')).toHaveTextContent('已有退款在处理中')
})

test('approves a refund waiting for approval; the list shows it in progress', async () => {
  const desk = fakeDesk({ refunds: [pending] })
  mockSend.mockImplementation(desk.send as never)
  const { container: c } = render(<MemberDetail />)
  await waitFor(() => expect(c.querySelector('.refund-approve')).not.toBeNull())
  await tap(c.querySelector('.refund-approve'))
  await waitFor(() => expect(c.querySelector('#refund-RF9')).toHaveTextContent('退款中'))
  expect(desk.calls.map((x) => x.event)).toContainEqual({ action: 'refundApprove', refundId: 'RF9' })
  expect(c.querySelector('#member-notice')).toHaveTextContent('已批准退款：¥123.45')
  expect(c.querySelector('.refund-approve')).toBeNull()
})

test('rejects only with a reason', async () => {
  const desk = fakeDesk({ refunds: [pending] })
  mockSend.mockImplementation(desk.send as never)
  const { container: c } = render(<MemberDetail />)
  await waitFor(() => expect(c.querySelector('.refund-reject')).not.toBeNull())
  await tap(c.querySelector('.refund-reject'))
  const confirm = c.querySelector('.refund-reject-confirm')!
  expect(confirm).toHaveClass('nut-button-disabled')
  await tap(confirm)
  expect(desk.calls.some((x) => x.event.action === 'refundReject')).toBe(false)
  await typeInto(c.querySelector('.refund-reject-reason'), '余额已在其他门店退还')
  await tap(c.querySelector('.refund-reject-confirm'))
  await waitFor(() => expect(c.querySelector('#refund-RF9')).toHaveTextContent('已拒绝'))
  expect(c.querySelector('#refund-RF9')).toHaveTextContent('拒绝原因：余额已在其他门店退还')
  expect(desk.calls.map((x) => x.event)).toContainEqual({ action: 'refundReject', refundId: 'RF9', reason: '余额已在其他门店退还' })
})

test('starts a refund with a reason, one request id per refund, and shows it waiting for approval', async () => {
  const desk = fakeDesk()
  mockSend.mockImplementation(desk.send as never)
  const { container: c } = render(<MemberDetail />)
  await waitFor(() => expect(c.querySelector('#refunds-empty')).toHaveTextContent('没有退款记录'))
  await tap(c.querySelector('#refund-start'))
  await typeInto(c.querySelector('#refund-start-reason'), '会员搬家')
  await tap(c.querySelector('#refund-start-confirm'))
  await waitFor(() => expect(c.querySelector('#refund-RF1')).toHaveTextContent('待审批'))
  const start = desk.calls.find((x) => x.event.action === 'refundStart')!.event
  expect(start).toEqual({ action: 'refundStart', openid: 'o-member-1', requestId: expect.stringMatching(/^[0-9A-Za-z_-]{8,64}$/), reason: '会员搬家' })
  expect(c.querySelector('#member-notice')).toHaveTextContent('已发起退款：¥171.43，待审批')
})

test('keeps the request id when starting fails, so the retry cannot start a second refund', async () => {
  const desk = fakeDesk({ fail: { refundStart: { code: 'CONFLICT', message: '操作太频繁，请稍候再试' } } })
  mockSend.mockImplementation(desk.send as never)
  const { container: c } = render(<MemberDetail />)
  await waitFor(() => expect(c.querySelector('#refund-start')).not.toBeNull())
  await tap(c.querySelector('#refund-start'))
  await typeInto(c.querySelector('#refund-start-reason'), '会员搬家')
  await tap(c.querySelector('#refund-start-confirm'))
  await waitFor(() => expect(c.querySelector('#member-notice')).toHaveTextContent('操作太频繁'))
  await tap(c.querySelector('#refund-start-confirm'))
  await waitFor(() => expect(desk.calls.filter((x) => x.event.action === 'refundStart')).toHaveLength(2))
  const [a, b] = desk.calls.filter((x) => x.event.action === 'refundStart').map((x) => x.event.requestId)
  expect(a).toBe(b)
})

test('shows the error with the way back when the member is not the staff member’s to see', async () => {
  const desk = fakeDesk({ fail: { memberDetail: { code: 'FORBIDDEN', message: '该会员未在您负责的门店充值或消费过，请联系总部查询' } } })
  mockSend.mockImplementation(desk.send as never)
  const { container: c } = render(<MemberDetail />)
  await waitFor(() => expect(c.querySelector('#member-error')).toHaveTextContent('请联系总部查询'))
  expect(c.querySelector('#state-back')).not.toBeNull()
})
