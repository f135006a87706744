import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import StaffDesk from './index'
import { send } from '../../../../services/transport'

jest.mock('../../../../services/transport', () => ({ send: jest.fn() }))
const mockSend = send as jest.MockedFunction<typeof send>

const attention = {
  shipping: [{ id: 'ship:R1', outTradeNo: 'R1', status: 'pending', attempts: 2, lastError: 'errcode 45009', nextAttemptAt: '2026-11-23T10:00:00.000Z' }],
  review: [{ outTradeNo: 'R2', pay: 30000, reason: 'amount 1 differs', transactionId: '42', at: '2026-11-23T10:00:00.000Z' }]
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
  expect(container.querySelector('.review-order')).toHaveTextContent('amount 1 differs')
  expect(container.querySelector('.review-order')).toHaveTextContent('300.00')
  await act(async () => {
    fireEvent.click(screen.getByText('立即重试'))
  })
  await waitFor(() => expect(mockSend).toHaveBeenCalledWith('ops', { action: 'retryShipping', id: 'ship:R1' }))
})

test('tells a non-staff user they cannot use the desk', async () => {
  mockSend.mockResolvedValue({ ok: false, error: { code: 'FORBIDDEN', message: '仅限店员使用' } })
  const { container } = render(<StaffDesk />)
  await waitFor(() => expect(container.querySelector('#staff-error')).toHaveTextContent('仅限店员使用'))
  // FORBIDDEN cannot be retried: the way out is back
  expect(container.querySelector('#state-back')).not.toBeNull()
  expect(container.querySelector('#state-retry')).toBeNull()
})
