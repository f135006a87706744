import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { fen } from '../../../domain/money'
import { OFFER } from '../../../test/fixtures/backend'
import { fakeBackend, resetWebState, settle } from '../../../test/web/helpers'
import { pay } from '../../services/pay'
import Recharge from './index'

jest.mock('../../services/transport')
// the payment step is a platform boundary like the transport: the simulator overlay is tested in services/pay.h5.test.ts
jest.mock('../../services/pay')
const payMock = jest.mocked(pay)

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()
const payDisabled = (c: HTMLElement) => c.querySelector('#pay-btn')!.classList.contains('nut-button-disabled')

let redirect: jest.SpyInstance
beforeEach(() => {
  resetWebState()
  payMock.mockReset()
  redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never)
})
afterEach(() => redirect.mockRestore())

// Taro's <taro-input-core> renders its inner <input> asynchronously (stencil); type into that one
async function typeAmount(c: HTMLElement, value: string) {
  const input = await waitFor(() => {
    const el = c.querySelector('#custom-amount input')
    if (!el) throw new Error('inner <input> not rendered yet')
    return el
  })
  fireEvent.input(input, { target: { value } })
}

async function renderLoaded() {
  const view = render(<Recharge />)
  await settle()
  await waitFor(() => expect(view.container.querySelector('#plan-p100')).not.toBeNull())
  return view.container
}

test('shows every plan with the bonus, campaign bonus and gifts the server quoted', async () => {
  fakeBackend()
  const c = await renderLoaded()
  const p100 = c.querySelector('#plan-p100')!
  // the quoted bonus, its campaign part on a line of its own, no repeated plan title
  expect(text(c, '#plan-p100 .plan-card__bonus')).toBe('送¥15.00')
  expect(text(c, '#plan-p100 .plan-card__extra')).toBe('含活动加赠¥5.00')
  expect(text(c, '#plan-p100 .plan-card__credit')).toBe('到账¥115.00')
  expect(p100).not.toHaveTextContent('充100元')
  expect(p100).toHaveTextContent('满50减5元券')
  expect(p100).toHaveTextContent('热卖')
  expect(c.querySelector('#plan-p300')).toHaveTextContent('送¥60.00')
  expect(c.querySelector('#plan-p500')).toHaveTextContent('送¥120.00')
  expect(text(c, '#campaign-banner')).toContain('双十一充值加赠')
  // the agreement box is a summary of the key terms; the full text opens in a popup
  expect(c.querySelector('#agreement')).toHaveTextContent('余额上限¥5,000.00')
  expect(c.querySelector('#agreement')).toHaveTextContent('不设有效期')
  expect(c.querySelector('#agreement')).not.toHaveTextContent('第一条')
  expect(text(c, '#cap-max')).toBe('最多可充值¥4,430.00（余额上限¥5,000.00，含赠送金）')
})

test('the full agreement opens in a popup, and accepting there ticks the box', async () => {
  fakeBackend()
  const c = await renderLoaded()
  expect(document.querySelector('#agreement-full')).toBeNull()
  fireEvent.click(c.querySelector('#agreement-open')!)
  await waitFor(() => expect(document.querySelector('#agreement-full')).toHaveTextContent('第一条 储值余额仅限在本品牌门店消费'))
  fireEvent.click(document.querySelector('#agreement-accept')!)
  await waitFor(() => expect(c.querySelector('#agree .nut-checkbox-icon-checked, #agree .nut-checkbox-label-checked')).not.toBeNull())
})

test('the cap is one number, the server’s maxPay: that amount is quoted, one fen more is refused on the page', async () => {
  const backend = fakeBackend({ offer: { ...OFFER, cap: { ...OFFER.cap, maxPay: fen(443000) } } })
  const c = await renderLoaded()
  expect(text(c, '#cap-max')).toBe('最多可充值¥4,430.00（余额上限¥5,000.00，含赠送金）')
  await typeAmount(c, '4430.01')
  await waitFor(() => expect(text(c, '#custom-error')).toBe('超出余额上限，最多可充值¥4,430.00'))
  await typeAmount(c, '4430')
  await waitFor(() => expect(text(c, '#custom-quote')).toBe('送¥220.00，到账¥4,650.00'))
  expect(c.querySelector('#custom-error')).toBeNull()
  expect(backend.calls.filter((x) => x.event.action === 'quote').map((q) => q.event.amount)).toEqual([443000])
})

test('a plan the cap refuses (fitsCap false) cannot be chosen', async () => {
  const plans = OFFER.plans.map((p) => (p.id === 'p500' ? { ...p, fitsCap: false } : p))
  fakeBackend({ offer: { ...OFFER, plans } })
  const c = await renderLoaded()
  expect(c.querySelector('#plan-p500')).toHaveTextContent('超出余额上限')
  fireEvent.click(c.querySelector('#plan-p500')!)
  await settle()
  expect(c.querySelector('#plan-p500')!.className).not.toContain('plan-card--selected')
})

test('pay stays disabled until a plan is chosen and the agreement is ticked', async () => {
  const backend = fakeBackend()
  const c = await renderLoaded()
  expect(payDisabled(c)).toBe(true)

  fireEvent.click(c.querySelector('#plan-p300')!)
  expect(c.querySelector('#plan-p300')!.className).toContain('plan-card--selected')
  expect(payDisabled(c)).toBe(true)
  fireEvent.click(c.querySelector('#pay-btn')!)
  await settle()
  expect(backend.calls.filter((x) => x.event.action === 'create')).toHaveLength(0)

  fireEvent.click(c.querySelector('#agree')!)
  await waitFor(() => expect(payDisabled(c)).toBe(false))
  expect(text(c, '#pay-btn')).toBe('确认支付¥300.00')

  fireEvent.click(c.querySelector('#agree')!)
  await waitFor(() => expect(payDisabled(c)).toBe(true))
})

test('paying creates the order with the agreement version, runs the pay step and opens the result page', async () => {
  const backend = fakeBackend()
  payMock.mockResolvedValue('paid')
  const c = await renderLoaded()
  fireEvent.click(c.querySelector('#plan-p100')!)
  fireEvent.click(c.querySelector('#agree')!)
  await waitFor(() => expect(payDisabled(c)).toBe(false))
  await act(async () => {
    fireEvent.click(c.querySelector('#pay-btn')!)
  })
  await waitFor(() => expect(redirect).toHaveBeenCalled())
  const create = backend.calls.find((x) => x.event.action === 'create')!
  expect(create.event).toEqual({ action: 'create', planId: 'p100', agreementVersion: OFFER.agreement.version })
  expect(payMock).toHaveBeenCalledWith(expect.objectContaining({ package: 'prepay_id=wx_sim_1' }))
  expect(redirect).toHaveBeenCalledWith({ url: '/packages/recharge/pages/result/index?outTradeNo=CZTEST0001' })
})

test('BALANCE_CAP_EXCEEDED from the server is shown inline and nothing is paid', async () => {
  fakeBackend({ createError: { code: 'BALANCE_CAP_EXCEEDED', message: '充值后余额将超过上限¥5000.00' } })
  const c = await renderLoaded()
  fireEvent.click(c.querySelector('#plan-p500')!)
  fireEvent.click(c.querySelector('#agree')!)
  await waitFor(() => expect(payDisabled(c)).toBe(false))
  await act(async () => {
    fireEvent.click(c.querySelector('#pay-btn')!)
  })
  await waitFor(() => expect(text(c, '#recharge-error')).toBe('充值后余额将超过上限¥5000.00'))
  expect(payMock).not.toHaveBeenCalled()
  expect(redirect).not.toHaveBeenCalled()
})

test('a cancelled payment stays on the page and says so', async () => {
  fakeBackend()
  payMock.mockResolvedValue('cancelled')
  const c = await renderLoaded()
  fireEvent.click(c.querySelector('#plan-p100')!)
  fireEvent.click(c.querySelector('#agree')!)
  await act(async () => {
    fireEvent.click(c.querySelector('#pay-btn')!)
  })
  await waitFor(() => expect(text(c, '#recharge-error')).toBe('已取消支付，未扣款'))
  // the member's own choice: a neutral note, not error red
  expect(c.querySelector('#recharge-error')!.className).toContain('notice-text')
  expect(redirect).not.toHaveBeenCalled()
})

describe('custom amount', () => {
  const type = typeAmount

  test('shows the bonus the server quotes, asked once after typing stops', async () => {
    const backend = fakeBackend()
    const c = await renderLoaded()
    await type(c, '2')
    await type(c, '25')
    await type(c, '250')
    await waitFor(() => expect(text(c, '#custom-quote')).toBe('送¥10.00，到账¥260.00'))
    const quotes = backend.calls.filter((x) => x.event.action === 'quote')
    expect(quotes.map((q) => q.event)).toEqual([{ action: 'quote', amount: 25000 }])

    fireEvent.click(c.querySelector('#agree')!)
    await waitFor(() => expect(payDisabled(c)).toBe(false))
    expect(text(c, '#pay-btn')).toBe('确认支付¥250.00')
  })

  test('input errors and server range errors are shown, and pay stays disabled', async () => {
    fakeBackend()
    const c = await renderLoaded()
    fireEvent.click(c.querySelector('#agree')!)
    await type(c, '12.345')
    await waitFor(() => expect(text(c, '#custom-error')).toBe('金额最多两位小数'))
    expect(payDisabled(c)).toBe(true)
    await type(c, '0')
    await waitFor(() => expect(text(c, '#custom-error')).toBe('请输入大于0的金额'))
    await type(c, '5')
    await waitFor(() => expect(text(c, '#custom-error')).toBe('单笔最低充值¥10.00'))
    expect(payDisabled(c)).toBe(true)
  })

  test('an English validation message from the server never reaches the page: the catalogue text does', async () => {
    fakeBackend({ quoteError: { code: 'INVALID_INPUT', message: 'amount: Number must be greater than 0' } })
    const c = await renderLoaded()
    await type(c, '20')
    await waitFor(() => expect(text(c, '#custom-error')).toBe('填写的内容有误，请检查后再试'))
    expect(c.textContent).not.toMatch(/Number|INVALID_INPUT/)
  })
})
