// 首页 in the built mini-program: first screen from the local cloud, taps navigate.
// demo-customer recharged 充300送50 before the run (test/mp/stack-server.ts).
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
let backend
let page

beforeAll(async () => {
  backend = await connectBackend({ openid: 'demo-customer' })
  h.loadApp(dist)
  page = h.renderPage(dist, 'pages/index/index')
  await h.until(() => !['', '--'].includes(h.textById(page, 'balance-total')))
})
afterAll(() => backend.close())

test('first screen shows the balance and tier of the seeded recharge', () => {
  expect(h.textById(page, 'balance-total')).toBe('350.00')
  expect(h.textById(page, 'balance-principal')).toBe('¥300.00')
  expect(h.textById(page, 'balance-bonus')).toBe('¥50.00')
  // 充300 reaches 银卡 under the demo tier terms (domain/tiers/demo.ts)
  expect(h.textById(page, 'tier-badge')).toBe('银卡')
  expect(page.dom.innerHTML).toContain('350.00')
  // a member is not invited to become one
  expect(page.dom.textContent).not.toContain('首次充值即成为会员')
  expect(backend.calls).toEqual([{ name: 'wallet', event: { action: 'balance' }, openid: 'demo-customer' }])
})

test('there is no dev user switcher in the mini-program', () => {
  expect(h.findNode(page, 'dev-user-switcher')).toBeNull()
  expect(page.dom.innerHTML).not.toContain('本地演示')
})

test('the header names the merchant; a customer sees no staff desk', () => {
  expect(h.textById(page, 'home-brand')).toBe('储值示范咖啡')
  expect(h.findNode(page, 'go-staff')).toBeNull()
  expect(page.dom.textContent).not.toContain('店员工作台')
})

test('tapping 充值, 余额明细, 到店买单, 会员等级 and 礼品卡 navigates', async () => {
  h.navigations.length = 0
  await h.tap(page, 'go-recharge')
  await h.tap(page, 'go-wallet')
  await h.tap(page, 'home__link', 0)
  await h.tap(page, 'home__link', 1)
  await h.tap(page, 'home__link', 2)
  expect(h.navigations).toEqual([
    { api: 'navigateTo', url: '/pages/recharge/index', delta: undefined },
    { api: 'navigateTo', url: '/pages/wallet/index', delta: undefined },
    { api: 'navigateTo', url: '/packages/checkout/pages/index/index', delta: undefined },
    { api: 'navigateTo', url: '/packages/member/pages/index/index', delta: undefined },
    { api: 'navigateTo', url: '/packages/giftcard/pages/index/index', delta: undefined }
  ])
})

test('no node lost its wxml template', () => {
  expect(h.templateWarnings).toEqual([])
})
