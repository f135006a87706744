import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
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
  expect(p100).toHaveTextContent('充100元')
  expect(p100).toHaveTextContent('送¥15.00（含活动加赠¥5.00）')
  expect(p100).toHaveTextContent('到账 ¥115.00')
  expect(p100).toHaveTextContent('满50减5元券')
  expect(p100).toHaveTextContent('热卖')
  expect(c.querySelector('#plan-p300')).toHaveTextContent('送¥60.00')
  expect(c.querySelector('#plan-p500')).toHaveTextContent('送¥120.00')
  expect(text(c, '#campaign-banner')).toContain('双十一充值加赠')
  expect(c.querySelector('#agreement')).toHaveTextContent('第一条 储值余额仅限在本品牌门店消费')
  expect(c).toHaveTextContent(`储值协议（版本 ${OFFER.agreement.version}）`)
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
  expect(text(c, '#pay-btn')).toBe('确认支付 ¥300.00')

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
  expect(redirect).toHaveBeenCalledWith({ url: '/pages/recharge-result/index?outTradeNo=CZTEST0001' })
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
  await waitFor(() => expect(text(c, '#recharge-error')).toBe('已取消支付'))
  expect(redirect).not.toHaveBeenCalled()
})

describe('custom amount', () => {
  // Taro's <taro-input-core> renders its inner <input> asynchronously (stencil); type into that one
  const type = async (c: HTMLElement, value: string) => {
    const input = await waitFor(() => {
      const el = c.querySelector('#custom-amount input')
      if (!el) throw new Error('inner <input> not rendered yet')
      return el
    })
    fireEvent.input(input, { target: { value } })
  }

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
    expect(text(c, '#pay-btn')).toBe('确认支付 ¥250.00')
  })

  test('input errors and server range errors are shown, and pay stays disabled', async () => {
    fakeBackend()
    const c = await renderLoaded()
    fireEvent.click(c.querySelector('#agree')!)
    await type(c, '12.345')
    await waitFor(() => expect(text(c, '#custom-error')).toBe('金额最多两位小数'))
    expect(payDisabled(c)).toBe(true)
    await type(c, '5')
    await waitFor(() => expect(text(c, '#custom-error')).toBe('金额需在10元至5000元之间'))
    expect(payDisabled(c)).toBe(true)
  })
})
