// 钱包 in the built mini-program: balance + first history page from the backend, load more, open entry.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
let backend
let page

const itemCount = () => (h.findNode(page, 'history-list').cn || []).filter((n) => (n.cl || '').includes('history-item')).length

beforeAll(async () => {
  backend = await connectBackend({ fake: { historySize: 15, pageSize: 10 } })
  h.loadApp(dist)
  page = h.renderPage(dist, 'pages/wallet/index')
  await h.until(() => h.findNode(page, 'history-list') && itemCount() === 10)
})
afterAll(() => backend.close())

test('first screen shows the balance split and the first history page', () => {
  expect(h.textById(page, 'balance-total')).toBe('350.00')
  expect(h.textById(page, 'balance-principal')).toBe('¥300.00')
  expect(h.textById(page, 'balance-bonus')).toBe('¥50.00')
  expect(h.textById(page, 'history-h001')).toContain('+¥115.00')
  expect(h.textById(page, 'history-h002')).toContain('-¥23.00')
  expect(page.querySelectorAll('.history-item')).toHaveLength(10)
})

test('tapping 加载更多 appends the next page and the button goes away at the end', async () => {
  await h.tap(page, 'history-more')
  await h.until(() => itemCount() === 15)
  expect(h.findNode(page, 'history-more')).toBeNull()
  expect(backend.calls.filter((c) => c.event.action === 'history').map((c) => c.event)).toEqual([
    { action: 'history' },
    { action: 'history', cursor: '10' }
  ])
})

test('tapping an entry opens its detail page', async () => {
  h.navigations.length = 0
  await h.tap(page, 'history-item', 0)
  expect(h.navigations).toEqual([{ api: 'navigateTo', url: '/pages/wallet-entry/index?id=h001', delta: undefined }])
})

test('no node lost its wxml template', () => {
  expect(h.templateWarnings).toEqual([])
})
