// 充值 in the built mini-program: the seeded plans and campaign from the local cloud,
// select → agree → pay creates a real order whose signed payment parameters reach wx.requestPayment.
// The payer is someone who has never recharged, so the new-member campaign is on offer.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
const OPENID = 'mp-newcomer'
let backend
let page
const payments = []

beforeAll(async () => {
  backend = await connectBackend({ openid: OPENID })
  h.loadApp(dist)
  // wx.requestPayment: the sheet reports success (the simulator is not asked to pay: see below)
  global.wx.requestPayment = (opts) => {
    payments.push(opts)
    opts.success && opts.success({ errMsg: 'requestPayment:ok' })
    opts.complete && opts.complete({ errMsg: 'requestPayment:ok' })
  }
  page = h.renderPage(dist, 'pages/recharge/index')
  await h.until(() => h.findNode(page, 'plan-p1000'))
})
afterAll(() => backend.close())

const cls = (uid) => h.findNode(page, uid).cl

test('first screen lists the seeded plans with the bonus the server quoted for a new member', () => {
  expect(h.textById(page, 'plan-p300')).toContain('送¥50.00')
  expect(h.textById(page, 'plan-p300')).not.toContain('活动加赠')
  // c-newmember: paid ≥ 1000 and never recharged → +20 on top of the plan's 200
  // the quoted bonus, its campaign part on its own line; the plan title (充1000送200) is not repeated
  expect(h.textById(page, 'plan-p1000')).toContain('送¥220.00含活动加赠¥20.00')
  expect(h.textById(page, 'plan-p1000')).not.toContain('送200')
  expect(h.textById(page, 'plan-p1000')).toContain('到账¥1,220.00')
  expect(h.textById(page, 'plan-p1000')).toContain('任意饮品兑换券×2')
  expect(h.textById(page, 'plan-p1000')).toContain('热卖')
  expect(h.textById(page, 'campaign-banner')).toContain('新会员首充满1000元加赠20元')
  expect(h.textById(page, 'campaign-banner')).toContain('活动截止2027-10-31')
  expect(h.textById(page, 'agreement')).toContain('不设有效期')
  expect(cls('pay-btn')).toContain('nut-button-disabled')
  expect(backend.calls[0]).toEqual({ name: 'recharge', event: { action: 'plans' }, openid: OPENID })
})

test('every node has a wxml template (NutUI icons render as views, no HTML tags)', () => {
  expect(h.templateWarnings).toEqual([])
  // the agreement checkbox's icon is there
  expect(page.querySelectorAll('.nut-icon').length).toBeGreaterThan(0)
})

test('tap a plan, tick the agreement, pay: real order created, its signed payment passed to wx.requestPayment, result page opened', async () => {
  await h.tap(page, 'plan-card--p1000')
  await h.until(() => cls('plan-p1000').includes('plan-card--selected'))
  expect(cls('pay-btn')).toContain('nut-button-disabled')

  await h.tap(page, 'recharge__agree')
  await h.until(() => !cls('pay-btn').includes('nut-button-disabled'))
  expect(h.textById(page, 'pay-btn')).toBe('确认支付¥1,000.00')

  h.navigations.length = 0
  await h.tap(page, 'pay-btn')
  await h.until(() => h.navigations.length > 0)

  const create = backend.calls.find((c) => c.event.action === 'create')
  expect(create.event).toEqual({ action: 'create', planId: 'p1000', agreementVersion: '2026-11-01' })

  // what the pay client got back from the simulator's /v3/pay/transactions/jsapi, signed by the merchant key
  expect(payments).toHaveLength(1)
  const p = payments[0]
  expect(p.package).toMatch(/^prepay_id=\S+$/)
  expect(p.signType).toBe('RSA')
  expect(p.timeStamp).toMatch(/^\d{10}$/)
  expect(p.nonceStr).toMatch(/^\S+$/)
  expect(p.paySign).toMatch(/^[A-Za-z0-9+/]+=*$/)
  // WeChat checks paySign before it shows the sheet; so does the simulator's checkout page
  const prepayId = p.package.slice('prepay_id='.length)
  const q = new URLSearchParams({ prepay_id: prepayId, timeStamp: p.timeStamp, nonceStr: p.nonceStr, paySign: p.paySign })
  const sheet = await backend.get(`/sim/checkout?${q}`)
  expect(sheet.status).toBe(200)
  expect(sheet.body).toContain('¥1000.00')
  expect(sheet.body).toContain('data-action="pay"')
  const forged = await backend.get(`/sim/checkout?${new URLSearchParams({ ...Object.fromEntries(q), nonceStr: `${p.nonceStr}x` })}`)
  expect(forged.body).toContain('支付验证签名失败')

  expect(h.navigations).toHaveLength(1)
  const { api, url } = h.navigations[0]
  expect(api).toBe('redirectTo')
  const m = /^\/packages\/recharge\/pages\/result\/index\?outTradeNo=(R\d{8}[0-9A-Z]{12})$/.exec(url)
  expect(m).not.toBeNull()
  // the order is real: the server knows it, unpaid until the payer confirms in WeChat
  const status = await backend.call('recharge', { action: 'status', outTradeNo: m[1] })
  expect(status).toEqual({ ok: true, data: { outTradeNo: m[1], state: 'pending', pay: 100000, bonus: 22000, balance: null, billPaymentId: null } })
})
