// 充值结果 in the built mini-program: polls recharge.status on the local cloud until the order is
// credited. The order is real (recharge.create as a new member); the test plays the payer on the
// simulator's checkout once the page shows it waiting, and the simulator's notification credits it.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
const OPENID = 'mp-result'
let backend
let page
let order

beforeAll(async () => {
  backend = await connectBackend({ openid: OPENID })
  const created = await backend.call('recharge', { action: 'create', planId: 'p1000', agreementVersion: '2026-11-01' })
  if (!created.ok) throw new Error(`recharge.create: ${JSON.stringify(created)}`)
  order = created.data
  h.loadApp(dist)
  page = h.renderPage(dist, 'packages/recharge/pages/result/index', { outTradeNo: order.outTradeNo })
})
afterAll(() => backend.close())

test('first screen waits on the unpaid order, then shows the credit and new balance once the notification lands', async () => {
  // the first answer: the order as the server has it, not yet paid
  await h.until(() => h.textById(page, 'result-pay') === '¥1,000.00')
  expect(h.textById(page, 'result-state')).toBe('等待到账')
  expect(h.textById(page, 'result-bonus')).toBe('¥220.00')
  expect(h.findNode(page, 'result-balance')).toBeNull()

  await backend.payerConfirms(order.payment.package.slice('prepay_id='.length))
  await h.until(() => h.textById(page, 'result-state') === '充值成功', { timeout: 5000 })
  expect(h.textById(page, 'result-pay')).toBe('¥1,000.00')
  expect(h.textById(page, 'result-bonus')).toBe('¥220.00')
  expect(h.textById(page, 'result-balance')).toBe('¥1,220.00')
  expect(page.dom.textContent).toContain(order.outTradeNo)

  const polls = backend.calls.filter((c) => c.name === 'recharge')
  expect(polls.length).toBeGreaterThanOrEqual(2)
  for (const c of polls) expect(c).toEqual({ name: 'recharge', event: { action: 'status', outTradeNo: order.outTradeNo }, openid: OPENID })
})

test('tapping 返回首页 relaunches the home page', async () => {
  h.navigations.length = 0
  await h.tap(page, 'go-home')
  expect(h.navigations).toEqual([{ api: 'reLaunch', url: '/pages/index/index', delta: undefined }])
})

test('no node lost its wxml template', () => {
  expect(h.templateWarnings).toEqual([])
})
