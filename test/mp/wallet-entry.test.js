// 明细详情 in the built mini-program: entry from the backend, tap a reference to copy it.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
let backend
let page
const copied = []

beforeAll(async () => {
  backend = await connectBackend()
  h.loadApp(dist)
  global.wx.setClipboardData = (opts) => {
    copied.push(opts.data)
    opts.success && opts.success({ errMsg: 'setClipboardData:ok' })
  }
  page = h.renderPage(dist, 'pages/wallet-entry/index', { id: 'h001' })
  await h.until(() => h.findNode(page, 'entry-amount'))
})
afterAll(() => backend.close())

test('first screen shows the entry named in the query', () => {
  expect(backend.calls[0]).toMatchObject({ name: 'wallet', event: { action: 'entry', id: 'h001' } })
  expect(h.textById(page, 'entry-amount')).toBe('+¥115.00')
  expect(h.textById(page, 'entry-principal')).toBe('+¥100.00')
  expect(h.textById(page, 'entry-bonus')).toBe('+¥15.00')
  expect(h.textById(page, 'entry-store')).toBe('人民路店')
  expect(h.textById(page, 'entry-out-trade-no')).toBe('CZ20261120000')
  expect(h.textById(page, 'entry-transaction-id')).toBe('420000000')
})

test('tapping the order number copies it', async () => {
  await h.tap(page, 'entry__ref--out-trade-no')
  expect(copied).toEqual(['CZ20261120000'])
})

test('no node lost its wxml template', () => {
  expect(h.templateWarnings).toEqual([])
})
