// 钱包 in the built mini-program: balance + first history page from the local cloud, load more,
// open an entry. demo-customer-2 recharged 充300送50 and then 20 times ¥10 before the run
// (test/mp/stack-server.ts): 21 entries, one more than the app's page of 20.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
let backend
let page
let pager

const itemCount = () => (h.findNode(page, 'history-list').cn || []).filter((n) => (n.cl || '').includes('history-item')).length

beforeAll(async () => {
  backend = await connectBackend({ openid: 'demo-customer-2' })
  pager = backend.info.pager
  h.loadApp(dist)
  page = h.renderPage(dist, 'pages/wallet/index')
  await h.until(() => h.findNode(page, 'history-list') && itemCount() === 20)
})
afterAll(() => backend.close())

test('first screen shows the balance split and the first history page, newest first', () => {
  expect(h.textById(page, 'balance-total')).toBe('550.00')
  expect(h.textById(page, 'balance-principal')).toBe('¥500.00')
  expect(h.textById(page, 'balance-bonus')).toBe('¥50.00')
  // 充300 reaches 银卡 under the demo tier terms (domain/tiers/demo.ts)
  expect(h.textById(page, 'tier-badge')).toBe('银卡')
  const newest = h.textById(page, `history-${pager.newestJournalId}`)
  expect(newest).toContain('充值')
  expect(newest).toContain('线上')
  expect(newest).toContain('+¥10.00')
  expect(h.findNode(page, `history-${pager.oldestJournalId}`)).toBeNull()
  expect(page.querySelectorAll('.history-item')).toHaveLength(20)
  expect(h.findNode(page, 'history-more')).not.toBeNull()
})

test('tapping 加载更多 appends the next page and the button goes away at the end', async () => {
  await h.tap(page, 'history-more')
  await h.until(() => itemCount() === 21)
  const oldest = h.textById(page, `history-${pager.oldestJournalId}`)
  expect(oldest).toContain('充值¥300.00 赠¥50.00')
  expect(oldest).toContain('+¥350.00')
  expect(h.findNode(page, 'history-more')).toBeNull()
  expect(page.dom.textContent).toContain('没有更多了')
  const pages = backend.calls.filter((c) => c.event.action === 'history').map((c) => c.event)
  expect(pages).toEqual([{ action: 'history' }, { action: 'history', cursor: expect.stringMatching(/^\d+$/) }])
})

test('tapping an entry opens its detail page', async () => {
  h.navigations.length = 0
  await h.tap(page, 'history-item', 0)
  expect(h.navigations).toEqual([
    { api: 'navigateTo', url: `/pages/wallet-entry/index?id=${encodeURIComponent(pager.newestJournalId)}`, delta: undefined }
  ])
})

test('no node lost its wxml template', () => {
  expect(h.templateWarnings).toEqual([])
})
