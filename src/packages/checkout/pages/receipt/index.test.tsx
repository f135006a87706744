import { render, waitFor } from '@testing-library/react'
import { fakeBackend, resetWebState, setPageParams, settle } from '../../../../../test/web/helpers'
import { recharge, checkout } from '../../../../services'
import Receipt from './index'

jest.mock('../../../../services/transport')

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()
const asUser = (openid: string) => window.localStorage.setItem('chuzhi.devOpenid', openid)

beforeEach(() => resetWebState())

async function open(params: Record<string, string>) {
  setPageParams(params, '/packages/checkout/pages/receipt/index')
  const view = render(<Receipt />)
  await settle()
  return view.container
}

test('after paying from the balance: the receipt as the server wrote it, with the new balance', async () => {
  asUser('demo-gold')
  fakeBackend()
  const paid = await checkout.pay({ storeId: 'store-xuhui', amount: 12000, requestId: 'req-gold-120' })
  const c = await open({ paymentId: paid.paymentId })
  await waitFor(() => expect(text(c, '#receipt-state')).toBe('支付成功'))
  expect(text(c, '#receipt-store')).toBe('徐汇店')
  expect(text(c, '#receipt-charged')).toBe('¥108.00')
  expect(text(c, '#receipt-amount')).toBe('¥120.00')
  expect(text(c, '#receipt-discount')).toBe('-¥12.00')
  expect(text(c, '#receipt-principal')).toBe('¥108.00')
  expect(text(c, '#receipt-bonus')).toBe('¥0.00')
  expect(text(c, '#receipt-balance')).toBe('¥242.00')
  expect(text(c, '#receipt-points')).toBe('+120')
  expect(text(c, '#receipt-time')).toBe('2026-12-02 12:00')
  expect(text(c, '#receipt-id')).toBe('pay_req-gold-120')
  expect(c.querySelector('#receipt-wechat')).toBeNull()
})

test('a mixed payment: waits for WeChat Pay’s part, then shows it paid with the WeChat amount', async () => {
  asUser('demo-gold')
  const backend = fakeBackend({ receiptSequence: ['awaiting_wechat_pay', 'awaiting_wechat_pay', 'paid'] })
  const paid = await checkout.pay({ storeId: 'store-xuhui', amount: 50000, requestId: 'req-mixed-500', rest: 'wechat' })
  const c = await open({ paymentId: paid.paymentId })
  await waitFor(() => expect(text(c, '#receipt-state')).toBe('等待微信支付确认'))
  await waitFor(() => expect(text(c, '#receipt-state')).toBe('支付成功'), { timeout: 4000 })
  expect(text(c, '#receipt-wechat')).toBe('¥100.00')
  expect(backend.calls.filter((x) => x.event.action === 'receipt')).toHaveLength(3)
})

test('after a recharge that pays the bill: waits for the credit, then the bill’s receipt', async () => {
  asUser('demo-customer-2')
  const backend = fakeBackend({ statusSequence: ['pending', 'credited'] })
  const order = await recharge.create({ planId: 'p100', storeId: 'store-xuhui', agreementVersion: '2026-11-01', bill: { storeId: 'store-xuhui', amount: 12000, requestId: 'req-bill-120' } })
  const c = await open({ outTradeNo: order.outTradeNo })
  await waitFor(() => expect(text(c, '#receipt-state')).toBe('充值确认中'))
  await waitFor(() => expect(text(c, '#receipt-state')).toBe('支付成功'), { timeout: 4000 })
  expect(text(c, '#receipt-balance')).toBe('¥1,100.00')
  expect(backend.calls.filter((x) => x.event.action === 'receipt').map((x) => x.event)).toEqual([{ action: 'receipt', paymentId: 'pay_req-bill-120' }])
})

test('a recharge closed unpaid: says the bill was not paid, nothing taken', async () => {
  fakeBackend({ statusSequence: ['closed'] })
  const c = await open({ outTradeNo: 'CZTEST0009' })
  await waitFor(() => expect(text(c, '#receipt-state')).toBe('充值未完成'))
  expect(text(c, '#receipt-hint')).toBe('订单已关闭，本单未支付，未扣款')
})

test('a credited recharge that carries no bill payment says to pay again from the new balance', async () => {
  fakeBackend({ statusSequence: ['credited'] })
  const c = await open({ outTradeNo: 'CZTEST0009' })
  await waitFor(() => expect(text(c, '#receipt-state')).toBe('充值已到账'))
  expect(text(c, '#receipt-hint')).toContain('请返回重新买单')
})

test('loading, then a receipt that is not the caller’s: the catalogue text and a way back, and no more asking', async () => {
  const backend = fakeBackend()
  setPageParams({ paymentId: 'pay_someone_else' }, '/packages/checkout/pages/receipt/index')
  const { container } = render(<Receipt />)
  expect(container.querySelector('#state-loading')).not.toBeNull()
  await settle()
  await waitFor(() => expect(container.querySelector('#state-error')).not.toBeNull(), { timeout: 4000 })
  expect(container.querySelector('#state-back')).not.toBeNull()
  await new Promise((r) => setTimeout(r, 1300)) // past the next poll
  expect(backend.calls.filter((x) => x.event.action === 'receipt')).toHaveLength(1)
})

test('a mixed payment whose WeChat Pay part was never paid: closed, the balance went back', async () => {
  asUser('demo-gold')
  fakeBackend({ receiptSequence: ['closed'] })
  const paid = await checkout.pay({ storeId: 'store-xuhui', amount: 50000, requestId: 'req-mixed-closed', rest: 'wechat' })
  const c = await open({ paymentId: paid.paymentId })
  await waitFor(() => expect(text(c, '#receipt-state')).toBe('支付未完成'))
  expect(text(c, '#receipt-hint')).toBe('微信支付部分未完成，本单已关闭，余额已退回')
  expect(c.querySelector('#receipt-balance')).toBeNull()
})
