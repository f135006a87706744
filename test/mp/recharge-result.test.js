// 充值结果 in the built mini-program: polls recharge.status until credited.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
let backend
let page

beforeAll(async () => {
  backend = await connectBackend({ fake: { statusSequence: ['pending', 'credited'] } })
  h.loadApp(dist)
  page = h.renderPage(dist, 'pages/recharge-result/index', { outTradeNo: 'CZTEST0042' })
})
afterAll(() => backend.close())

test('first screen waits, then shows the credit and the new balance once the backend confirms', async () => {
  await h.until(() => h.textById(page, 'result-state') === '等待到账')
  await h.until(() => h.textById(page, 'result-state') === '充值成功', { timeout: 4000 })
  expect(h.textById(page, 'result-pay')).toBe('¥100.00')
  expect(h.textById(page, 'result-bonus')).toBe('¥15.00')
  expect(h.textById(page, 'result-balance')).toBe('¥465.00')
  const polls = backend.calls.filter((c) => c.event.action === 'status')
  expect(polls.map((c) => c.event)).toEqual([
    { action: 'status', outTradeNo: 'CZTEST0042' },
    { action: 'status', outTradeNo: 'CZTEST0042' }
  ])
})

test('tapping 返回首页 relaunches the home page', async () => {
  h.navigations.length = 0
  await h.tap(page, 'go-home')
  expect(h.navigations).toEqual([{ api: 'reLaunch', url: '/pages/index/index', delta: undefined }])
})

test('no node lost its wxml template', () => {
  expect(h.templateWarnings).toEqual([])
})
