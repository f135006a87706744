import { act, render } from '@testing-library/react'
import { fakeBackend, resetWebState, setPageParams } from '../../../../../test/web/helpers'
import RechargeResult from './index'

jest.mock('../../../../services/transport')

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()
/** let pending promises (the mocked transport) settle */
const flush = () => act(async () => {})
const advance = (ms: number) =>
  act(async () => {
    jest.advanceTimersByTime(ms)
  })

beforeEach(() => {
  resetWebState()
  jest.useFakeTimers()
})
afterEach(() => jest.useRealTimers())

test('polls the order status every second until it is credited, then shows the new balance', async () => {
  const backend = fakeBackend({ statusSequence: ['pending', 'pending', 'credited'] })
  setPageParams({ outTradeNo: 'CZTEST0007' }, '/packages/recharge/pages/result/index')
  const { container: c } = render(<RechargeResult />)
  await flush()
  expect(text(c, '#result-state')).toBe('等待到账')
  expect(c.querySelector('#result-balance')).toBeNull()

  await advance(1000)
  await flush()
  expect(text(c, '#result-state')).toBe('等待到账')

  await advance(1000)
  await flush()
  expect(text(c, '#result-state')).toBe('充值成功')
  expect(text(c, '#result-pay')).toBe('¥100.00')
  expect(text(c, '#result-bonus')).toBe('¥15.00')
  expect(text(c, '#result-balance')).toBe('¥465.00')

  // settled: no more polling
  await advance(5000)
  await flush()
  const statusCalls = backend.calls.filter((x) => x.event.action === 'status')
  expect(statusCalls).toHaveLength(3)
  expect(statusCalls[0].event).toEqual({ action: 'status', outTradeNo: 'CZTEST0007' })
})

test.each([
  ['closed', '订单已关闭'],
  ['review', '待门店核对']
] as const)('a %s order stops polling and shows %s without a balance', async (state, label) => {
  const backend = fakeBackend({ statusSequence: [state] })
  setPageParams({ outTradeNo: 'CZTEST0008' })
  const { container: c } = render(<RechargeResult />)
  await flush()
  expect(text(c, '#result-state')).toBe(label)
  expect(c.querySelector('#result-balance')).toBeNull()
  await advance(3000)
  await flush()
  expect(backend.calls).toHaveLength(1)
})

test('gives up after 30 answers while still pending and says the credit may be late', async () => {
  const backend = fakeBackend({ statusSequence: ['pending'] })
  setPageParams({ outTradeNo: 'CZTEST0009' })
  const { container: c } = render(<RechargeResult />)
  await flush()
  for (let i = 0; i < 40; i++) {
    await advance(1000)
    await flush()
  }
  expect(backend.calls).toHaveLength(30)
  expect(text(c, '#result-state')).toBe('等待到账')
  expect(c).toHaveTextContent('到账可能稍有延迟')
})
