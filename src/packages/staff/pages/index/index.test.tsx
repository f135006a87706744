import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import StaffDesk from './index'
import { send } from '../../../../services/transport'

jest.mock('../../../../services/transport', () => ({ send: jest.fn() }))
const mockSend = send as jest.MockedFunction<typeof send>

const attention = {
  shipping: [{ id: 'ship:R1', outTradeNo: 'R1', status: 'pending', attempts: 2, lastError: 'errcode 45009', nextAttemptAt: '2026-11-23T10:00:00.000Z' }],
  review: [{ outTradeNo: 'R2', pay: 30000, reason: 'amount 1 differs', transactionId: '42', at: '2026-11-23T10:00:00.000Z' }],
  incidents: [
    {
      id: 'notify:EV1',
      kind: 'unknown_order',
      eventId: 'EV1',
      eventType: 'TRANSACTION.SUCCESS',
      outTradeNo: 'R3',
      transactionId: '4200000001',
      reason: 'paid transaction 4200000001 names order R3, which we do not have',
      at: '2026-11-23T10:00:00.000Z'
    },
    { id: 'notify:EV2', kind: 'unprocessable_notification', eventId: 'EV2', eventType: 'TRANSACTION.SUCCESS', outTradeNo: null, transactionId: null, reason: 'out_trade_no: Required', at: '2026-11-23T09:00:00.000Z' }
  ]
}

afterEach(() => mockSend.mockReset())

test('shows the uploads and orders that need a person, and retries an upload', async () => {
  mockSend.mockImplementation(async (_name, event: any) => {
    if (event.action === 'attention') return { ok: true, data: attention }
    return { ok: true, data: { status: 'done' } }
  })
  const { container } = render(<StaffDesk />)
  await waitFor(() => expect(container.querySelector('.shipping-issue')).not.toBeNull())
  expect(container.querySelector('.shipping-issue')).toHaveTextContent('R1')
  expect(container.querySelector('.shipping-issue')).toHaveTextContent('微信返回错误码45009')
  // the developers' English reason stays off the page; staff read what happened and what to do
  expect(container.querySelector('.review-order')).not.toHaveTextContent('amount 1 differs')
  expect(container.querySelector('.review-order')).toHaveTextContent('未入账')
  expect(container.querySelector('.review-order')).toHaveTextContent('微信支付单号 42')
  expect(container.querySelector('.review-order')).toHaveTextContent('300.00')
  await act(async () => {
    fireEvent.click(screen.getByText('立即重试'))
  })
  await waitFor(() => expect(mockSend).toHaveBeenCalledWith('ops', { action: 'retryShipping', id: 'ship:R1' }))
})

test('lists the payment notifications that were answered but credited nothing, saying what to do', async () => {
  mockSend.mockResolvedValue({ ok: true, data: attention })
  const { container } = render(<StaffDesk />)
  await waitFor(() => expect(container.querySelectorAll('.pay-incident')).toHaveLength(2))
  const [unknown, unreadable] = Array.from(container.querySelectorAll('.pay-incident'))
  expect(unknown).toHaveTextContent('找不到订单的付款')
  expect(unknown).toHaveTextContent('订单号 R3')
  expect(unknown).toHaveTextContent('找到这笔交易并退款')
  expect(unknown).toHaveTextContent('微信支付单号 4200000001')
  expect(unknown).toHaveTextContent('通知编号 EV1')
  expect(unreadable).toHaveTextContent('无法读取的支付通知')
  expect(unreadable).toHaveTextContent('通知中没有订单号')
  expect(unreadable).not.toHaveTextContent('微信支付单号')
  // the developers' English reason stays off the page (staff read Chinese)
  expect(unreadable).not.toHaveTextContent('out_trade_no: Required')
  expect(container.querySelector('#incidents-empty')).toBeNull()
  // nothing to tap: the desk's only buttons are the uploads' 立即重试
  expect(container.querySelectorAll('.pay-incident button')).toHaveLength(0)
})

test('shows a refund result WeChat Pay notified as one to handle by hand', async () => {
  const refund = { id: 'notify:EV3', kind: 'refund_notification', eventId: 'EV3', eventType: 'REFUND.SUCCESS', outTradeNo: 'R4', transactionId: '4200000002', reason: 'refund R4-1 (503) of 100 fen: SUCCESS', at: '2026-11-23T11:00:00.000Z' }
  mockSend.mockResolvedValue({ ok: true, data: { shipping: [], review: [], incidents: [refund] } })
  const { container } = render(<StaffDesk />)
  await waitFor(() => expect(container.querySelector('.pay-incident')).toHaveTextContent('退款结果通知'))
  expect(container.querySelector('.pay-incident')).toHaveTextContent('会员余额未变动')
  expect(container.querySelector('.pay-incident')).toHaveTextContent('订单号 R4')
})

test('says so when every list is empty', async () => {
  mockSend.mockResolvedValue({ ok: true, data: { shipping: [], review: [], incidents: [] } })
  const { container } = render(<StaffDesk />)
  await waitFor(() => expect(container.querySelector('#incidents-empty')).toHaveTextContent('没有异常的支付通知'))
  expect(container.querySelector('#shipping-empty')).toHaveTextContent('没有待处理的上传')
  expect(container.querySelector('#review-empty')).toHaveTextContent('没有待核对的订单')
  expect(container.querySelectorAll('.pay-incident')).toHaveLength(0)
})

test('tells a non-staff user they cannot use the desk', async () => {
  mockSend.mockResolvedValue({ ok: false, error: { code: 'FORBIDDEN', message: '仅限店员使用' } })
  const { container } = render(<StaffDesk />)
  await waitFor(() => expect(container.querySelector('#staff-error')).toHaveTextContent('仅限店员使用'))
  // FORBIDDEN cannot be retried: the way out is back
  expect(container.querySelector('#state-back')).not.toBeNull()
  expect(container.querySelector('#state-retry')).toBeNull()
})

test('links to 门店收款码 even while the list cannot load', async () => {
  const Taro = (await import('@tarojs/taro')).default
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  try {
    mockSend.mockResolvedValue({ ok: false, error: { code: 'INTERNAL', message: 'x' } })
    const { container } = render(<StaffDesk />)
    await waitFor(() => expect(container.querySelector('#staff-error')).not.toBeNull())
    await act(async () => {
      fireEvent.click(screen.getByText('门店收款码'))
    })
    expect(nav).toHaveBeenCalledWith({ url: '/packages/staff/pages/store-code/index' })
  } finally {
    nav.mockRestore()
  }
})

test('lists refunds waiting for approval and payouts due, each opening the member to act on it', async () => {
  const navigateTo = jest.spyOn(require('@tarojs/taro').default, 'navigateTo').mockResolvedValue(undefined as never)
  try {
    mockSend.mockResolvedValue({
      ok: true,
      data: {
        ...attention,
        refunds: [{ refundId: 'rf1', openid: 'o-1', amount: 21858, reason: '搬家', storeIds: ['store-xuhui'], createdAt: '2026-12-01T02:00:00.000Z' }],
        payouts: [{ outRefundNo: 'rf2-M-CZ9', refundId: 'rf2', openid: 'o-2', storeId: 'store-xuhui', amount: 30000, reason: 'older_than_365_days', createdAt: '2026-12-01T03:00:00.000Z' }]
      }
    })
    const { container } = render(<StaffDesk />)
    await waitFor(() => expect(container.querySelector('.pending-refund')).not.toBeNull())
    expect(container.querySelector('.pending-refund')).toHaveTextContent('218.58')
    expect(container.querySelector('.pending-refund')).toHaveTextContent('原因：搬家')
    expect(container.querySelector('.due-payout')).toHaveTextContent('充值已超过一年')
    expect(container.querySelector('.due-payout')).toHaveTextContent('退款单号 rf2-M-CZ9')
    await act(async () => {
      fireEvent.click(container.querySelector('.pending-refund')!)
    })
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/member/index?openid=o-1' })
  } finally {
    navigateTo.mockRestore()
  }
})

test('says when no refund waits for approval and no payout is due', async () => {
  mockSend.mockResolvedValue({ ok: true, data: { ...attention, refunds: [], payouts: [] } })
  const { container } = render(<StaffDesk />)
  await waitFor(() => expect(container.querySelector('#pending-refunds-empty')).toHaveTextContent('没有待审批的退款'))
  expect(container.querySelector('#due-payouts-empty')).toHaveTextContent('没有待转账的退款')
})
