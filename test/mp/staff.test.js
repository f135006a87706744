// 店员工作台 (staff subpackage) in the built mini-program, as demo-admin: what needs a person,
// from the local cloud (test/mp/stack-server.ts prepared an upload WeChat refused, an order sent
// to review and a payment for an order we do not have); tapping 立即重试 uploads again and the
// issue leaves the list.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
let backend
let page
let staff

beforeAll(async () => {
  backend = await connectBackend({ openid: 'demo-admin' })
  staff = backend.info.staff
  h.loadApp(dist)
  page = h.renderPage(dist, 'packages/staff/pages/index/index')
  await h.until(() => page.querySelectorAll('.shipping-issue').length > 0)
})
afterAll(() => backend.close())

test('first screen lists the refused upload, the order under review and the payment for an unknown order', () => {
  expect(backend.calls).toEqual([{ name: 'ops', event: { action: 'attention' }, openid: 'demo-admin' }])
  const issue = h.nodeText(h.findNode(page, 'shipping-issues'))
  expect(issue).toContain(staff.shippingOutTradeNo)
  expect(issue).toContain('重试中（第1次失败）')
  expect(issue).toContain('微信返回错误码')
  const review = h.nodeText(h.findNode(page, 'review-orders'))
  expect(review).toContain(staff.reviewOutTradeNo)
  expect(review).toContain('¥300.00')
  expect(page.querySelectorAll('.review-order')).toHaveLength(1)
  const incident = h.nodeText(h.findNode(page, 'pay-incidents'))
  expect(incident).toContain('找不到订单的付款')
  expect(incident).toContain(staff.incidentOutTradeNo)
  expect(incident).toContain('微信支付单号')
  expect(page.querySelectorAll('.pay-incident')).toHaveLength(1)
})

test('tapping 立即重试 uploads again; the issue is gone', async () => {
  // the desk's buttons: 储值查询, 储值资金与微信支付对账, 门店收款码 and the issue's 立即重试
  expect(page.querySelectorAll('.nut-button')).toHaveLength(4)
  expect(page.querySelectorAll('.shipping-issue .nut-button')).toHaveLength(1)
  await h.tap(page, 'nut-button', 3)
  await h.until(() => page.dom.textContent.includes('没有待处理的上传'))
  expect(page.querySelectorAll('.shipping-issue')).toHaveLength(0)
  expect(backend.calls.slice(1)).toEqual([
    { name: 'ops', event: { action: 'retryShipping', id: staff.shippingId }, openid: 'demo-admin' },
    { name: 'ops', event: { action: 'attention' }, openid: 'demo-admin' }
  ])
})

test('no node lost its wxml template', () => {
  expect(h.templateWarnings).toEqual([])
})
