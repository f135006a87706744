import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Funds from './index'
import { send } from '../../../../services/transport'

jest.mock('../../../../services/transport', () => ({ send: jest.fn() }))
const mockSend = send as jest.MockedFunction<typeof send>

const statement = (storeId: string | null, storeName: string, o: Partial<Record<string, number>> = {}) => ({
  storeId,
  storeName,
  opening: 10000,
  recharges: 60000,
  refunds: 30000,
  other: 0,
  closing: 40000,
  spending: 12999,
  revenue: 11142,
  ...o
})
const liability = {
  asOf: '2026-12-02T03:00:00.000Z',
  principalOutstanding: 40000,
  bonusOutstanding: 5000,
  heldForRefunds: 0,
  revenueRecognised: 11142,
  revenueFrom: '2025-12-31T16:00:00.000Z',
  dormant: { members: 0, principal: 0, bonus: 0, days: 365 },
  custodyRequired: null,
  alerts: [{ kind: 'balance_warning', principal: 40000, level: 1, message: '预收余额 ¥400.00 已达到预警线 ¥0.01，请关注并按当地规定报备。' }]
}
const report = {
  day: '2026-12-01',
  state: 'done',
  bill: { payments: 3, paymentTotal: 61234, refunds: 0, refundTotal: 0 },
  ledger: { payments: 2, paymentTotal: 60000, refunds: 0, refundTotal: 0 },
  repaired: 1,
  flagged: 1,
  differences: [
    { id: 'd1', day: '2026-12-01', kind: 'paid_not_credited', key: 'R20261201AAAA', amount: 1234, state: 'flagged', note: '微信支付账单显示已收款 ¥12.34，但系统中没有这个订单，未入账。', storeId: null, at: '2026-12-02T02:10:00.000Z' },
    { id: 'd2', day: '2026-12-01', kind: 'paid_not_credited', key: 'R20261201BBBB', amount: 30000, state: 'repaired', note: '对账时已按同一入账流程补入账。', storeId: 's1', at: '2026-12-02T02:10:00.000Z' }
  ],
  lastRunAt: '2026-12-02T02:10:00.000Z'
}

function backend(over: Partial<Record<string, unknown>> = {}) {
  mockSend.mockImplementation(async (_name, event: any) => {
    if (event.action in over) {
      const v = over[event.action] as { fail?: string }
      return v.fail ? { ok: false, error: { code: v.fail, message: 'refused' } } : { ok: true, data: v }
    }
    if (event.action === 'fundStatement') {
      return { ok: true, data: { from: event.from, to: event.to, statements: event.storeId ? [statement(event.storeId, '徐汇店', { recharges: 123 })] : [statement('s1', '徐汇店'), statement(null, '全部门店')] } }
    }
    if (event.action === 'liabilityReport') return { ok: true, data: liability }
    if (event.action === 'reconReport' || event.action === 'reconRun') return { ok: true, data: report }
    throw new Error(`unexpected ${event.action}`)
  })
}

afterEach(() => mockSend.mockReset())

test('shows the statement (merchant first), the liability with its alert, and the reconciliation’s differences', async () => {
  backend()
  const { container } = render(<Funds />)
  await waitFor(() => expect(container.querySelector('#statement-all')).not.toBeNull())
  const cards = Array.from(container.querySelectorAll('.statement'))
  expect(cards.map((c) => c.id)).toEqual(['statement-all', 'statement-s1'])
  expect(container.querySelector('#closing-all')).toHaveTextContent('400.00')
  expect(container.querySelector('#statement-all')).toHaveTextContent('129.99')
  expect(container.querySelector('.liability-alert')).toHaveTextContent('已达到预警线')
  expect(container.querySelector('#recon-state')).toHaveTextContent('对账完成')
  const diffs = Array.from(container.querySelectorAll('.recon-difference'))
  expect(diffs[0]).toHaveTextContent('待人工处理')
  expect(diffs[0]).toHaveTextContent('R20261201AAAA')
  expect(diffs[1]).toHaveTextContent('已自动补入账')
  expect(container.querySelector('#recon-summary')).toHaveTextContent('自动补入账 1 笔，待人工处理 1 笔')
  // amounts come from the server as they are: nothing computed on the page
  expect(mockSend).toHaveBeenCalledWith('ops', expect.objectContaining({ action: 'fundStatement' }))
})

test('re-runs the reconciliation of the day on tap and shows a refusal in Chinese', async () => {
  backend({ reconRun: { fail: 'BILL_NOT_READY' } })
  const { container } = render(<Funds />)
  await waitFor(() => expect(screen.getByText('重新对账')).not.toBeNull())
  await act(async () => {
    fireEvent.click(screen.getByText('重新对账'))
  })
  await waitFor(() => expect(mockSend).toHaveBeenCalledWith('ops', { action: 'reconRun', date: report.day }))
  await waitFor(() => expect(container.querySelector('#recon-run-error')).toHaveTextContent('次日10点后生成'))
})

test('says so when there has been no stored-value money yet, and when the bill had no differences', async () => {
  backend({
    fundStatement: { from: 'x', to: 'y', statements: [statement(null, '全部门店', { opening: 0, recharges: 0, refunds: 0, closing: 0, spending: 0, revenue: 0 })] },
    liabilityReport: { ...liability, principalOutstanding: 0, alerts: [] },
    reconReport: { ...report, differences: [], repaired: 0, flagged: 0 }
  })
  const { container } = render(<Funds />)
  await waitFor(() => expect(container.querySelector('#funds-empty')).toHaveTextContent('还没有储值资金往来'))
  expect(container.querySelector('#recon-empty')).toHaveTextContent('没有差异')
})

test('an error offers a retry that loads again', async () => {
  mockSend.mockResolvedValue({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙' } })
  const { container } = render(<Funds />)
  await waitFor(() => expect(container.querySelector('#state-error')).not.toBeNull())
  backend()
  await act(async () => {
    fireEvent.click(screen.getByText('重新加载'))
  })
  await waitFor(() => expect(container.querySelector('#statement-all')).not.toBeNull())
})
