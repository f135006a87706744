import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { fakeBackend, resetWebState, settle } from '../../../../../test/web/helpers'
import { REFUND_QUOTE } from '../../../../../test/fixtures/backend'
import RefundPage from './index'

jest.mock('../../../../services/transport')

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()

beforeEach(() => resetWebState())

test('shows the server quote with the rule explained, confirms once, then the status with guidance', async () => {
  const backend = fakeBackend()
  const { container: c } = render(<RefundPage />)
  await settle()
  await waitFor(() => expect(text(c, '#quote-refundable')).toBe('¥214.29'))
  expect(text(c, '#quote-forfeited')).toContain('¥35.71 不退现金')
  expect(text(c, '#quote-rule')).toContain('7 天内')
  await act(async () => {
    fireEvent.click(c.querySelector('#refund-confirm')!)
  })
  await waitFor(() => expect(text(c, '#refund-state')).toBe('退款中'))
  expect(text(c, '#refund-amount')).toBe('¥214.29')
  expect(text(c, '#refund-guidance')).toContain('原路退回')
  expect(backend.calls.filter((x) => x.event.action === 'request')).toHaveLength(1)
  await act(async () => {
    fireEvent.click(c.querySelector('#refund-refresh')!)
  })
  await waitFor(() => expect(text(c, '#refund-state')).toBe('已退款'))
})

test('nothing refundable: the empty state, no confirm button', async () => {
  fakeBackend({ refundQuote: { ...REFUND_QUOTE, refundable: 0 as never, bonusForfeited: 0 as never, parts: [] } })
  const { container: c } = render(<RefundPage />)
  await settle()
  await waitFor(() => expect(c.querySelector('#refund-empty')).not.toBeNull())
  expect(c.querySelector('#refund-confirm')).toBeNull()
})
