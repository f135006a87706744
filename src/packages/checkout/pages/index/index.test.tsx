import { fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { BALANCES } from '../../../../../test/fixtures/backend'
import { fakeBackend, resetWebState, setPageParams, settle } from '../../../../../test/web/helpers'
import { pay } from '../../../../services/pay'
import Checkout from './index'

jest.mock('../../../../services/transport')
jest.mock('../../../../services/pay')
const payMock = jest.mocked(pay)

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()
const disabled = (c: HTMLElement, sel: string) => c.querySelector(sel)!.classList.contains('nut-button-disabled')
const asUser = (openid: string) => window.localStorage.setItem('chuzhi.devOpenid', openid)
const EMPTY = { ...BALANCES['demo-gold'], principal: 0, bonus: 0, total: 0 } as never

let redirect: jest.SpyInstance
beforeEach(() => {
  resetWebState()
  payMock.mockReset()
  redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never)
})
afterEach(() => redirect.mockRestore())

async function open(storeId: string | null = 'store-xuhui') {
  if (storeId) setPageParams({ storeId }, '/packages/checkout/pages/index/index')
  const view = render(<Checkout />)
  await settle()
  return view.container
}

async function typeKeys(c: HTMLElement, keys: string) {
  await waitFor(() => expect(c.querySelector('#keypad')).not.toBeNull())
  for (const k of keys) fireEvent.click(c.querySelector(k === '.' ? '#key-dot' : k === '<' ? '#key-del' : `#key-${k}`)!)
}

const quotes = (b: ReturnType<typeof fakeBackend>) => b.calls.filter((x) => x.name === 'checkout' && x.event.action === 'quote')
const pays = (b: ReturnType<typeof fakeBackend>) => b.calls.filter((x) => x.name === 'checkout' && x.event.action === 'pay')

test('shows the store, the tier and the balance before the first key', async () => {
  asUser('demo-gold')
  fakeBackend()
  const c = await open()
  await waitFor(() => expect(text(c, '#checkout-store')).toBe('徐汇店'))
  expect(text(c, '#tier-badge')).toBe('金卡')
  expect(text(c, '#checkout-discount-label')).toBe('会员折扣：9折')
  expect(text(c, '#quote-balance')).toBe('¥350.00')
  expect(text(c, '#bill-amount')).toBe('请输入金额')
  expect(disabled(c, '#checkout-pay')).toBe(true)
  // not in a family: no family toggle
  expect(c.querySelector('#pay-from-family')).toBeNull()
})

test('the quote is asked once the keys stop, for exactly the amount typed, and shows the server’s figures', async () => {
  asUser('demo-gold')
  const backend = fakeBackend()
  const c = await open()
  await typeKeys(c, '120')
  expect(text(c, '#bill-amount')).toBe('¥120')
  await waitFor(() => expect(text(c, '#quote-payable')).toBe('¥108.00'))
  // three keys, one quote: debounced
  expect(quotes(backend).map((q) => q.event)).toEqual([{ action: 'quote', storeId: 'store-xuhui', amount: 12000 }])
  expect(text(c, '#quote-tier-discount')).toBe('-¥12.00')
  expect(text(c, '#quote-points')).toBe('本单可得108积分')
  expect(text(c, '#checkout-pay')).toBe('确认支付¥108.00')
  expect(disabled(c, '#checkout-pay')).toBe(false)
  // a changed amount is not payable at the old price
  await typeKeys(c, '<')
  expect(text(c, '#quote-payable')).toBe('计算中…')
  expect(disabled(c, '#checkout-pay')).toBe(true)
  await waitFor(() => expect(text(c, '#quote-payable')).toBe('¥10.80'))
})

test('paying sends one requestId, the same on a retry after a lost answer, and opens the receipt', async () => {
  asUser('demo-gold')
  const backend = fakeBackend({ payError: { code: 'NETWORK', message: '' } })
  const c = await open()
  await typeKeys(c, '120')
  await waitFor(() => expect(disabled(c, '#checkout-pay')).toBe(false))
  fireEvent.click(c.querySelector('#checkout-pay')!)
  await waitFor(() => expect(text(c, '#checkout-error')).toBe('网络异常，请检查网络后重试'))
  await waitFor(() => expect(disabled(c, '#checkout-pay')).toBe(false))
  fireEvent.click(c.querySelector('#checkout-pay')!)
  await waitFor(() => expect(redirect).toHaveBeenCalled())
  const [first, second] = pays(backend).map((p) => p.event)
  expect(first.requestId).toMatch(/^[0-9A-Za-z_-]{8,64}$/)
  expect(second).toEqual(first)
  expect(second).toEqual({ action: 'pay', storeId: 'store-xuhui', amount: 12000, requestId: first.requestId })
  expect(redirect.mock.calls[0][0].url).toBe(`/packages/checkout/pages/receipt/index?paymentId=pay_${first.requestId}`)
})

test('a different bill gets a different requestId', async () => {
  asUser('demo-gold')
  const backend = fakeBackend({ payError: [{ code: 'NETWORK', message: '' }] })
  const c = await open()
  await typeKeys(c, '120')
  await waitFor(() => expect(disabled(c, '#checkout-pay')).toBe(false))
  fireEvent.click(c.querySelector('#checkout-pay')!)
  await waitFor(() => expect(text(c, '#checkout-error')).toBeTruthy())
  await typeKeys(c, '<5')
  await waitFor(() => expect(text(c, '#quote-payable')).toBe('¥112.50'))
  fireEvent.click(c.querySelector('#checkout-pay')!)
  await waitFor(() => expect(redirect).toHaveBeenCalled())
  const [a, b] = pays(backend).map((p) => p.event.requestId)
  expect(a).not.toBe(b)
})

test('coupons: only usable ones for this store are offered; the chosen one goes into the quote and the payment', async () => {
  asUser('demo-gold')
  const backend = fakeBackend()
  const c = await open()
  await waitFor(() => expect(text(c, '#coupon-chosen')).toBe('2张可用'))
  await typeKeys(c, '120')
  fireEvent.click(c.querySelector('#coupon-picker')!)
  await waitFor(() => expect(document.querySelector('#coupon-list')).not.toBeNull())
  // 静安店's coupon and the expired one are not offered here
  expect(document.querySelector('#coupon-cp-jingan')).toBeNull()
  expect(document.querySelector('#coupon-cp-old')).toBeNull()
  // a coupon whose threshold the bill does not reach cannot be picked
  fireEvent.click(document.querySelector('#coupon-cp-20')!)
  expect(text(c, '#coupon-chosen')).toBe('2张可用')
  fireEvent.click(document.querySelector('#coupon-cp-5')!)
  await waitFor(() => expect(text(c, '#coupon-chosen')).toBe('满50减5元券'))
  await waitFor(() => expect(text(c, '#quote-coupon-discount')).toBe('-¥5.00'))
  expect(text(c, '#quote-payable')).toBe('¥103.00')
  expect(quotes(backend).at(-1)!.event).toEqual({ action: 'quote', storeId: 'store-xuhui', amount: 12000, couponId: 'cp-5' })
  fireEvent.click(c.querySelector('#checkout-pay')!)
  await waitFor(() => expect(pays(backend)).toHaveLength(1))
  expect(pays(backend)[0].event.couponId).toBe('cp-5')
})

test('without coupons (or before the coupon service answers) the page still takes payment', async () => {
  asUser('demo-gold')
  fakeBackend({ memberError: { code: 'UNKNOWN_ACTION', message: 'unknown action coupons' } })
  const c = await open()
  await waitFor(() => expect(text(c, '#coupon-chosen')).toBe('暂无可用'))
  await typeKeys(c, '50')
  await waitFor(() => expect(disabled(c, '#checkout-pay')).toBe(false))
})

test('short balance: the shortfall, the recommendation sheet; accepting recharges with the bill attached and opens the receipt by order', async () => {
  asUser('demo-customer-2')
  const backend = fakeBackend({ balance: () => EMPTY })
  payMock.mockResolvedValue('paid')
  const c = await open()
  await typeKeys(c, '120')
  await waitFor(() => expect(text(c, '#quote-shortfall')).toBe('余额不足，还差¥108.00'))
  expect(c.querySelector('#checkout-pay')).toBeNull()
  // nothing to pay from: no WeChat-for-the-rest button
  expect(c.querySelector('#pay-rest')).toBeNull()
  expect(text(c, '#recommend-best')).toBe('充1000送200，本单省¥30.00')
  fireEvent.click(c.querySelector('#open-recommend')!)
  await waitFor(() => expect(document.querySelector('#recommend-sheet')).not.toBeNull())
  expect(document.querySelector('#recommend-offer-0')).toHaveTextContent('送¥200.00，升级金卡，本单应付¥108.00')
  const confirm = document.querySelector('#recommend-pay')!
  expect(confirm.classList.contains('nut-button-disabled')).toBe(true) // agreement first
  fireEvent.click(document.querySelector('#recommend-agree')!)
  await waitFor(() => expect(confirm.classList.contains('nut-button-disabled')).toBe(false))
  expect(confirm.textContent).toBe('充值¥1,000.00并支付本单')
  fireEvent.click(confirm)
  await waitFor(() => expect(redirect).toHaveBeenCalled())
  const create = backend.calls.find((x) => x.name === 'recharge' && x.event.action === 'create')!.event as Record<string, unknown>
  const bill = create.bill as { requestId: string }
  expect(create).toEqual({ action: 'create', planId: 'p1000', storeId: 'store-xuhui', agreementVersion: '2026-11-01', bill: { storeId: 'store-xuhui', amount: 12000, requestId: bill.requestId } })
  expect(payMock).toHaveBeenCalledTimes(1)
  expect(redirect.mock.calls[0][0].url).toBe('/packages/checkout/pages/receipt/index?outTradeNo=CZTEST0001')
})

test('cancelling the recharge payment is a neutral note and nothing opens', async () => {
  asUser('demo-customer-2')
  fakeBackend({ balance: () => EMPTY })
  payMock.mockResolvedValue('cancelled')
  const c = await open()
  await typeKeys(c, '120')
  await waitFor(() => expect(c.querySelector('#open-recommend')).not.toBeNull())
  fireEvent.click(c.querySelector('#open-recommend')!)
  await waitFor(() => expect(document.querySelector('#recommend-agree')).not.toBeNull())
  fireEvent.click(document.querySelector('#recommend-agree')!)
  await waitFor(() => expect(document.querySelector('#recommend-pay')!.classList.contains('nut-button-disabled')).toBe(false))
  fireEvent.click(document.querySelector('#recommend-pay')!)
  await waitFor(() => expect(text(c, '#checkout-error')).toBe('已取消充值，未扣款'))
  expect(c.querySelector('#checkout-error')!.className).toBe('notice-text')
  expect(redirect).not.toHaveBeenCalled()
})

test('使用微信支付剩余部分: pays with rest "wechat", runs WeChat Pay for the rest, then the receipt', async () => {
  asUser('demo-gold')
  const backend = fakeBackend()
  payMock.mockResolvedValue('paid')
  const c = await open()
  await typeKeys(c, '500')
  await waitFor(() => expect(text(c, '#quote-shortfall')).toBe('余额不足，还差¥100.00'))
  expect(text(c, '#pay-rest')).toBe('使用微信支付剩余部分¥100.00')
  fireEvent.click(c.querySelector('#pay-rest')!)
  await waitFor(() => expect(redirect).toHaveBeenCalled())
  const ev = pays(backend)[0].event
  expect(ev).toMatchObject({ storeId: 'store-xuhui', amount: 50000, rest: 'wechat' })
  expect(payMock).toHaveBeenCalledWith(expect.objectContaining({ package: 'prepay_id=wx_sim_mix' }))
  expect(redirect.mock.calls[0][0].url).toBe(`/packages/checkout/pages/receipt/index?paymentId=pay_${ev.requestId}`)
})

test('a family member may pay from the family balance: the toggle prices and pays the bill with payFrom "family"', async () => {
  asUser('demo-customer-2')
  const backend = fakeBackend()
  const c = await open()
  await waitFor(() => expect(text(c, '#pay-from-family-state')).toBe('未开启'))
  await typeKeys(c, '120')
  await waitFor(() => expect(text(c, '#quote-payable')).toBe('¥108.00'))
  expect(text(c, '#quote-balance')).toBe('¥100.00')
  expect(c.querySelector('#quote-family')).toBeNull()
  fireEvent.click(c.querySelector('#pay-from-family')!)
  expect(text(c, '#pay-from-family-state')).toBe('已开启（家人）')
  // the owner's balance, and what the member's monthly limit leaves (limit 500, spent 46)
  await waitFor(() => expect(text(c, '#quote-family')).toBe('由家人的余额支付，本月还可用¥454.00'))
  expect(text(c, '#quote-balance')).toBe('¥350.00')
  expect(quotes(backend).at(-1)!.event).toEqual({ action: 'quote', storeId: 'store-xuhui', amount: 12000, payFrom: 'family' })
  fireEvent.click(c.querySelector('#checkout-pay')!)
  await waitFor(() => expect(redirect).toHaveBeenCalled())
  expect(pays(backend)).toHaveLength(1)
  expect(pays(backend)[0].event).toMatchObject({ action: 'pay', storeId: 'store-xuhui', amount: 12000, payFrom: 'family' })
  expect(redirect.mock.calls[0][0].url).toBe(`/packages/checkout/pages/receipt/index?paymentId=pay_${pays(backend)[0].event.requestId}`)
})

test('a family member with the toggle off pays from their own balance (no payFrom sent)', async () => {
  asUser('demo-customer-2')
  const backend = fakeBackend()
  const c = await open()
  await typeKeys(c, '20')
  await waitFor(() => expect(disabled(c, '#checkout-pay')).toBe(false))
  fireEvent.click(c.querySelector('#checkout-pay')!)
  await waitFor(() => expect(redirect).toHaveBeenCalled())
  expect(pays(backend)[0].event).not.toHaveProperty('payFrom')
})

test('a store the merchant does not have: the catalogue text and a way back, no keypad', async () => {
  fakeBackend()
  const c = await open('store-nowhere')
  await waitFor(() => expect(text(c, '#state-error-text')).toContain('没有找到这家门店'))
  expect(c.querySelector('#state-back')).not.toBeNull()
  expect(c.querySelector('#keypad')).toBeNull()
})

test('opened from a store QR code (scene=storeId)', async () => {
  asUser('demo-gold')
  fakeBackend()
  setPageParams({ scene: 'store-jingan' }, '/packages/checkout/pages/index/index')
  const { container } = render(<Checkout />)
  await settle()
  await waitFor(() => expect(text(container, '#checkout-store')).toBe('静安店'))
})

test('no store at all: says to scan the store’s code', async () => {
  fakeBackend()
  const c = await open(null)
  expect(text(c, '#checkout-no-store')).toContain('请扫描门店收银台的买单二维码')
})

test('offline: loading, then the error with a retry that loads the page', async () => {
  const { send } = jest.requireMock('../../../../services/transport')
  const { ApiError } = jest.requireActual('../../../../services/errors')
  send.mockRejectedValue(new ApiError('NETWORK', ''))
  setPageParams({ storeId: 'store-xuhui' }, '/packages/checkout/pages/index/index')
  const { container } = render(<Checkout />)
  expect(container.querySelector('#state-loading')).not.toBeNull()
  await waitFor(() => expect(text(container, '#state-error-text')).toBe('网络异常，请检查网络后重试'))
  asUser('demo-gold')
  fakeBackend()
  fireEvent.click(container.querySelector('#state-retry')!)
  await waitFor(() => expect(text(container, '#checkout-store')).toBe('徐汇店'))
})
