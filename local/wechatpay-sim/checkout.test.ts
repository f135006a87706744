/**
 * The payer confirm screen, served by the simulator and driven in jsdom the way the H5 app
 * uses it: inside an iframe, reporting back with postMessage.
 */
import { JSDOM } from 'jsdom'
import { createSimulator, type Simulator } from './simulator'
import { generateTestPayKeys, payConfigFor, simulatorKeys } from './keys'
import { createPayClient, type PayClient } from '../../server/wechatpay/client'

const keys = generateTestPayKeys()
let sim: Simulator
let server: { url: string; close(): Promise<void> }
let client: PayClient
let seq = 0

beforeAll(async () => {
  sim = createSimulator({ ...simulatorKeys(keys), merchantName: '星巴克 <测试店>' })
  sim.setDeliveryMode('never')
  server = await sim.listen()
  client = createPayClient(payConfigFor(keys, server.url, 'http://127.0.0.1:1/notify'))
})
afterAll(async () => {
  sim.close()
  await server.close()
})

async function newOrder(total = 12345, description = '会员储值 <充500送50>') {
  const outTradeNo = `C${Date.now()}${seq++}`
  const { prepayId } = await client.createJsapiOrder({ outTradeNo, description, total, openid: 'o-c' })
  return { outTradeNo, prepayId }
}

const page = (prepayId: string) => fetch(`${server.url}sim/checkout?prepay_id=${encodeURIComponent(prepayId)}`)

/** Opens the checkout in an iframe of a blank parent page and resolves with the posted message. */
async function inIframe(prepayId: string, click: string) {
  const parent = new JSDOM(`<!doctype html><body></body>`, { url: server.url, runScripts: 'dangerously', resources: 'usable' })
  const w = parent.window
  const message = new Promise<unknown>((resolve) => w.addEventListener('message', (e) => resolve((e as MessageEvent).data)))
  const frame = w.document.createElement('iframe')
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve()))
  frame.src = `${server.url}sim/checkout?prepay_id=${encodeURIComponent(prepayId)}`
  w.document.body.appendChild(frame)
  await loaded
  const doc = frame.contentWindow!.document
  const button = [...doc.querySelectorAll('button')].find((b) => b.textContent === click)
  if (!button) throw new Error(`no ${click} button in: ${doc.body.textContent}`)
  button.click()
  const data = await message
  const status = doc.getElementById('status')?.textContent
  w.close()
  return { data, status }
}

it('shows merchant, description and the amount in yuan, escaped, in a mobile viewport', async () => {
  const { prepayId } = await newOrder()
  const res = await page(prepayId)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
  const html = await res.text()
  expect(html).toContain('<meta name="viewport" content="width=device-width')
  expect(html).toContain('¥123.45')
  expect(html).toContain('会员储值 &lt;充500送50&gt;')
  expect(html).toContain('星巴克 &lt;测试店&gt;')
  expect(html).not.toContain('<测试店>')
  const dom = new JSDOM(html)
  expect([...dom.window.document.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['支付', '取消'])
})

it('支付 pays the order and posts { result: "paid" } to the parent window', async () => {
  const { outTradeNo, prepayId } = await newOrder()
  const { data, status } = await inIframe(prepayId, '支付')
  expect(data).toEqual({ type: 'wechatpay-sim', prepayId, result: 'paid' })
  expect(status).toBe('支付成功')
  expect((await client.queryOrder(outTradeNo))?.trade_state).toBe('SUCCESS')
})

it('取消 leaves the order unpaid and posts { result: "cancelled" }', async () => {
  const { outTradeNo, prepayId } = await newOrder()
  const { data } = await inIframe(prepayId, '取消')
  expect(data).toEqual({ type: 'wechatpay-sim', prepayId, result: 'cancelled' })
  expect((await client.queryOrder(outTradeNo))?.trade_state).toBe('NOTPAY')
})

it('a paid order shows 已支付 with 完成; a closed or unknown one an error', async () => {
  const paid = await newOrder(100)
  sim.pay(paid.prepayId)
  const html = await (await page(paid.prepayId)).text()
  expect(html).toContain('该订单已支付')
  expect(html).toContain('>完成<')

  const closed = await newOrder(100)
  await client.closeOrder(closed.outTradeNo)
  expect(await (await page(closed.prepayId)).text()).toContain('订单已关闭')

  const unknown = await page('wx_no_such_prepay')
  expect(unknown.status).toBe(404)
  expect(await unknown.text()).toContain('订单不存在')
})

it('the pay/cancel endpoints answer JSON, also for form posts', async () => {
  const { outTradeNo, prepayId } = await newOrder(100)
  const cancel = await fetch(`${server.url}sim/checkout/cancel`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `prepay_id=${prepayId}`
  })
  expect(await cancel.json()).toEqual({ result: 'cancelled', prepay_id: prepayId })
  const pay = await fetch(`${server.url}sim/checkout/pay`, { method: 'POST', body: JSON.stringify({ prepay_id: prepayId }) })
  const body = await pay.json()
  expect(body).toMatchObject({ result: 'paid', prepay_id: prepayId })
  expect(body.transaction_id).toBe(sim.orders.get(outTradeNo)?.transactionId)
  const bad = await fetch(`${server.url}sim/checkout/pay`, { method: 'POST', body: JSON.stringify({ prepay_id: 'nope' }) })
  expect([bad.status, (await bad.json()).code]).toEqual([404, 'ORDER_NOT_EXIST'])
})

it('programmatic pay/cancel accept out_trade_no or prepay_id', async () => {
  const a = await newOrder(100)
  expect(sim.cancel(a.outTradeNo).trade_state).toBe('NOTPAY')
  expect(sim.pay(a.outTradeNo, { payerTotal: 90 })).toMatchObject({ trade_state: 'SUCCESS', amount: { total: 100, payer_total: 90 } })
  const b = await newOrder(100)
  expect(sim.pay(b.prepayId).out_trade_no).toBe(b.outTradeNo)
})
