import { render, waitFor } from '@testing-library/react'
import { fakeBackend, resetWebState, setPageParams, settle } from '../../../test/web/helpers'
import WalletEntry from './index'

jest.mock('../../services/transport')

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()

beforeEach(() => resetWebState())

test('shows every field of the entry named in the query, references included', async () => {
  const backend = fakeBackend()
  setPageParams({ id: 'h001' }, '/pages/wallet-entry/index')
  const { container: c } = render(<WalletEntry />)
  await settle()
  await waitFor(() => expect(text(c, '#entry-amount')).toBe('+¥115.00'))
  expect(text(c, '#entry-title')).toBe('充值')
  expect(text(c, '#entry-kind')).toBe('充值')
  expect(text(c, '#entry-principal')).toBe('+¥100.00')
  expect(text(c, '#entry-bonus')).toBe('+¥15.00')
  expect(text(c, '#entry-store')).toBe('人民路店')
  expect(text(c, '#entry-time')).toBe('2026-11-20 12:00')
  expect(text(c, '#entry-out-trade-no')).toBe('CZ20261120000')
  expect(text(c, '#entry-transaction-id')).toBe('420000000')
  expect(backend.calls[0].event).toEqual({ action: 'entry', id: 'h001' })
  // the ledger's own id is internal: not shown to members
  expect(c.querySelector('#entry-id')).toBeNull()
  expect(c.textContent).not.toContain('h001')
})

test('an unknown id shows the server’s message', async () => {
  fakeBackend()
  setPageParams({ id: 'nope' })
  const { container: c } = render(<WalletEntry />)
  await settle()
  await waitFor(() => expect(text(c, '#state-error-text')).toBe('没有这条记录'))
})
