// 明细详情 in the built mini-program: the journal entry of demo-customer's seeded 充300送50 from
// the local cloud; tap a reference to copy it.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
let backend
let page
let customer
const copied = []

beforeAll(async () => {
  backend = await connectBackend({ openid: 'demo-customer' })
  customer = backend.info.customer
  h.loadApp(dist)
  global.wx.setClipboardData = (opts) => {
    copied.push(opts.data)
    opts.success && opts.success({ errMsg: 'setClipboardData:ok' })
  }
  page = h.renderPage(dist, 'pages/wallet-entry/index', { id: customer.journalId })
  await h.until(() => h.findNode(page, 'entry-amount'))
})
afterAll(() => backend.close())

test('first screen shows the entry named in the query', () => {
  expect(customer.journalId).toBe(`recharge:${customer.outTradeNo}`)
  expect(backend.calls).toEqual([{ name: 'wallet', event: { action: 'entry', id: customer.journalId }, openid: 'demo-customer' }])
  expect(h.textById(page, 'entry-title')).toBe('充值¥300.00 赠¥50.00')
  expect(h.textById(page, 'entry-amount')).toBe('+¥350.00')
  expect(h.textById(page, 'entry-kind')).toBe('充值')
  expect(h.textById(page, 'entry-principal')).toBe('+¥300.00')
  expect(h.textById(page, 'entry-bonus')).toBe('+¥50.00')
  expect(h.textById(page, 'entry-store')).toBe('线上')
  expect(h.textById(page, 'entry-out-trade-no')).toBe(customer.outTradeNo)
  expect(customer.outTradeNo).toMatch(/^R\d{8}[0-9A-Z]{12}$/)
  expect(h.textById(page, 'entry-transaction-id')).toBe(customer.transactionId)
  expect(customer.transactionId).toMatch(/^\d{28}$/)
  // the ledger's own id is internal: not shown to members
  expect(h.findNode(page, 'entry-id')).toBeNull()
  expect(page.dom.textContent).not.toContain(customer.journalId)
})

test('tapping the order number copies it', async () => {
  await h.tap(page, 'entry__ref--out-trade-no')
  expect(copied).toEqual([customer.outTradeNo])
})

test('no node lost its wxml template', () => {
  expect(h.templateWarnings).toEqual([])
})
