// 充值 in the built mini-program: plans from the backend, select → agree → pay → result page.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
let backend
let page
const payments = []

beforeAll(async () => {
  backend = await connectBackend()
  h.loadApp(dist)
  // wx.requestPayment: the payer confirms
  global.wx.requestPayment = (opts) => {
    payments.push(opts)
    opts.success && opts.success({ errMsg: 'requestPayment:ok' })
    opts.complete && opts.complete({ errMsg: 'requestPayment:ok' })
  }
  page = h.renderPage(dist, 'pages/recharge/index')
  await h.until(() => h.findNode(page, 'plan-p100'))
})
afterAll(() => backend.close())

const cls = (uid) => h.findNode(page, uid).cl

test('first screen lists the plans with the bonus the backend quoted', () => {
  expect(h.textById(page, 'plan-p100')).toContain('送¥15.00（含活动加赠¥5.00）')
  expect(h.textById(page, 'plan-p300')).toContain('送¥60.00')
  expect(h.textById(page, 'campaign-banner')).toContain('双十一充值加赠')
  expect(h.textById(page, 'agree')).toContain('2026-11-01')
  expect(cls('pay-btn')).toContain('nut-button-disabled')
  expect(backend.calls[0]).toMatchObject({ name: 'recharge', event: { action: 'plans' } })
})

test('every node has a wxml template (NutUI icons render as views, no HTML tags)', () => {
  expect(h.templateWarnings).toEqual([])
  // the agreement checkbox's icon is there
  expect(page.querySelectorAll('.nut-icon').length).toBeGreaterThan(0)
})

test('tap a plan, tick the agreement, pay: order created, wx.requestPayment called, result page opened', async () => {
  await h.tap(page, 'plan-card--p300')
  await h.until(() => cls('plan-p300').includes('plan-card--selected'))
  expect(cls('pay-btn')).toContain('nut-button-disabled')

  await h.tap(page, 'recharge__agree')
  await h.until(() => !cls('pay-btn').includes('nut-button-disabled'))
  expect(h.textById(page, 'pay-btn')).toBe('确认支付 ¥300.00')

  h.navigations.length = 0
  await h.tap(page, 'pay-btn')
  await h.until(() => h.navigations.length > 0)

  const create = backend.calls.find((c) => c.event.action === 'create')
  expect(create.event).toEqual({ action: 'create', planId: 'p300', agreementVersion: '2026-11-01' })
  expect(payments).toHaveLength(1)
  expect(payments[0]).toMatchObject({ package: 'prepay_id=wx_sim_1', signType: 'RSA', paySign: 'c2lnbg==', timeStamp: '1763870000', nonceStr: 'n0nce' })
  expect(h.navigations).toEqual([{ api: 'redirectTo', url: '/pages/recharge-result/index?outTradeNo=CZTEST0001', delta: undefined }])
})
