// 买单 and 支付结果 in the built mini-program, on the local cloud: a member who recharged 充300送50
// types ¥120 on the keypad, sees the server's price, pays from the balance, and the receipt page
// shows what the server recorded. The new pages live in the checkout subpackage.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
const OPENID = 'mp-checkout'
const STORE = 'store-xuhui'
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', 'del'] // Keypad's order
// "¥108.00" from fen by string work (amounts under ¥1,000 here)
const yuan = (fen) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

let backend
let checkoutPage
let quote

beforeAll(async () => {
  backend = await connectBackend({ openid: OPENID })
  const created = await backend.call('recharge', { action: 'create', planId: 'p300', storeId: STORE, agreementVersion: '2026-11-01' })
  if (!created.ok) throw new Error(`recharge.create: ${JSON.stringify(created)}`)
  await backend.payerConfirms(created.data.payment.package.slice('prepay_id='.length))
  for (let i = 0; ; i++) {
    const status = await backend.call('recharge', { action: 'status', outTradeNo: created.data.outTradeNo })
    if (status.data.state === 'credited') break
    if (i >= 50) throw new Error(`the recharge was not credited: ${JSON.stringify(status)}`)
    await h.simulate.sleep(100)
  }
  // what the server charges for ¥120 here (a tier may discount it): the page must show exactly this
  quote = (await backend.call('checkout', { action: 'quote', storeId: STORE, amount: 12000 })).data
  h.loadApp(dist)
  checkoutPage = h.renderPage(dist, 'packages/checkout/pages/index/index', { storeId: STORE })
  await h.until(() => h.textById(checkoutPage, 'checkout-store') === '徐汇店', { timeout: 5000 })
})
afterAll(() => backend.close())

test('the subpackage is declared with both pages', () => {
  const app = require(path.join(dist, 'app.json'))
  const sub = (app.subPackages || app.subpackages).find((s) => s.root === 'packages/checkout')
  expect(sub.pages).toEqual(['pages/index/index', 'pages/receipt/index'])
})

test('first screen: store, balance, the keypad; nothing to pay yet', () => {
  expect(h.textById(checkoutPage, 'quote-balance')).toBe('¥350.00')
  expect(h.textById(checkoutPage, 'bill-amount')).toBe('请输入金额')
  expect(h.findNode(checkoutPage, 'checkout-pay').cl).toContain('nut-button-disabled')
})

test('typing 120 on the keypad asks one quote and shows the server’s price; paying opens the receipt', async () => {
  for (const k of '120') await h.tap(checkoutPage, 'keypad__key', KEYS.indexOf(k))
  await h.until(() => h.textById(checkoutPage, 'bill-amount') === '¥120')
  await h.until(() => h.textById(checkoutPage, 'quote-payable') === yuan(quote.payable), { timeout: 5000 })
  const quotes = backend.calls.filter((c) => c.name === 'checkout')
  expect(quotes).toEqual([{ name: 'checkout', event: { action: 'quote', storeId: STORE, amount: 12000 }, openid: OPENID }])

  h.navigations.length = 0
  await h.tap(checkoutPage, 'checkout__pay')
  await h.until(() => h.navigations.length > 0, { timeout: 5000 })
  const [nav] = h.navigations
  expect(nav.api).toBe('redirectTo')
  const paymentId = /paymentId=([^&]+)/.exec(nav.url)[1]
  const pay = backend.calls.find((c) => c.event.action === 'pay').event
  expect(pay).toEqual({ action: 'pay', storeId: STORE, amount: 12000, requestId: expect.stringMatching(/^[0-9A-Za-z_-]{8,64}$/) })

  const receipt = (await backend.call('checkout', { action: 'receipt', paymentId: decodeURIComponent(paymentId) })).data
  const page = h.renderPage(dist, 'packages/checkout/pages/receipt/index', { paymentId })
  await h.until(() => h.textById(page, 'receipt-state') === '支付成功', { timeout: 5000 })
  expect(h.textById(page, 'receipt-charged')).toBe(yuan(quote.payable))
  expect(h.textById(page, 'receipt-store')).toBe('徐汇店')
  expect(h.textById(page, 'receipt-balance')).toBe(yuan(receipt.balance.total))
  expect(receipt.balance.total).toBe(35000 - quote.payable)
  expect(h.templateWarnings).toEqual([])
})
