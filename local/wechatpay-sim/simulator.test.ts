/**
 * What the simulator enforces, probed with raw signed requests (the real client refuses to
 * send most of these).
 */
import { createServer } from 'http'
import { verify } from 'crypto'
import { createSimulator, type Simulator } from './simulator'
import { generateTestPayKeys, simulatorKeys } from './keys'
import { signedRequest } from './testing'

const keys = generateTestPayKeys()
let sim: Simulator
let server: { url: string; close(): Promise<void> }
let seq = 0
const tradeNo = () => `S${Date.now()}${seq++}`

const order = (over: Record<string, unknown> = {}) => ({
  appid: keys.appid,
  mchid: keys.mchid,
  description: '余额充值',
  out_trade_no: tradeNo(),
  notify_url: 'http://127.0.0.1:1/notify',
  amount: { total: 100, currency: 'CNY' },
  payer: { openid: 'o-1' },
  ...over
})

beforeAll(async () => {
  sim = createSimulator({ ...simulatorKeys(keys), timeScale: 0.001, refundDelayMs: 0 })
  sim.setDeliveryMode('never')
  server = await sim.listen()
})
afterAll(async () => {
  sim.close()
  await server.close()
})

const call = (method: 'GET' | 'POST', path: string, body?: unknown, tweak?: Parameters<typeof signedRequest>[5]) =>
  signedRequest(server.url, method, path, body, keys, tweak)

function platformSigned(ts: string | null, nonce: string | null, sig: string | null, body: string): boolean {
  return verify('sha256', Buffer.from(`${ts}\n${nonce}\n${body}\n`), keys.platformPublicKey, Buffer.from(sig ?? '', 'base64'))
}

describe('request signature', () => {
  it('accepts a correctly signed request and signs the answer with the platform key', async () => {
    const r = await call('POST', '/v3/pay/transactions/jsapi', order())
    expect(r.status).toBe(200)
    expect(r.headers.get('wechatpay-serial')).toBe(keys.platformPublicKeyId)
    expect(r.headers.get('wechatpay-signature-type')).toBe('WECHATPAY2-SHA256-RSA2048')
    expect(platformSigned(r.headers.get('wechatpay-timestamp'), r.headers.get('wechatpay-nonce'), r.headers.get('wechatpay-signature'), r.text)).toBe(true)
  })

  it('signs 204 answers over an empty body', async () => {
    const o = order()
    await call('POST', '/v3/pay/transactions/jsapi', o)
    const r = await call('POST', `/v3/pay/transactions/out-trade-no/${o.out_trade_no}/close`, { mchid: keys.mchid })
    expect([r.status, r.text]).toEqual([204, ''])
    expect(platformSigned(r.headers.get('wechatpay-timestamp'), r.headers.get('wechatpay-nonce'), r.headers.get('wechatpay-signature'), '')).toBe(true)
  })

  it.each([
    ['signed for another URL', { signUrl: '/v3/pay/transactions/jsapi?x=1' }],
    ['signed 10 minutes ago', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ['with another certificate serial', { serial: 'ABCDEF' }]
  ])('refuses a request %s with 401 SIGN_ERROR', async (_name, tweak) => {
    const r = await call('POST', '/v3/pay/transactions/jsapi', order(), tweak)
    expect([r.status, r.json?.code]).toEqual([401, 'SIGN_ERROR'])
  })

  it('refuses a missing Authorization header and a body changed after signing', async () => {
    const none = await fetch(`${server.url}v3/pay/transactions/out-trade-no/abcdef?mchid=${keys.mchid}`)
    expect([none.status, (await none.json()).code]).toEqual([401, 'SIGN_ERROR'])
    const o = order()
    const tampered = JSON.stringify({ ...o, amount: { total: 1, currency: 'CNY' } })
    const r = await call('POST', '/v3/pay/transactions/jsapi', o, { sendBody: tampered })
    expect([r.status, r.json?.code]).toEqual([401, 'SIGN_ERROR'])
    expect(sim.orders.has(o.out_trade_no)).toBe(false)
  })

  it('verifies the URL exactly as received, including a mount prefix', async () => {
    const mounted = createSimulator({ ...simulatorKeys(keys), basePath: '/wxpay' })
    const host = createServer((req, res) => {
      mounted.handle(req, res).then((handled) => {
        if (!handled) {
          res.writeHead(418)
          res.end('host app')
        }
      })
    })
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()))
    const base = `http://127.0.0.1:${(host.address() as { port: number }).port}/`
    try {
      const ok = await signedRequest(`${base}wxpay/`, 'POST', 'v3/pay/transactions/jsapi', order(), keys)
      expect(ok.status).toBe(200)
      // signing the path without the prefix is a different message
      const bad = await signedRequest(`${base}wxpay/`, 'POST', 'v3/pay/transactions/jsapi', order(), keys, { signUrl: '/v3/pay/transactions/jsapi' })
      expect(bad.status).toBe(401)
      // paths outside the mount are left to the host
      expect((await fetch(`${base}v3/pay/transactions/jsapi`)).status).toBe(418)
    } finally {
      mounted.close()
      await new Promise<void>((r) => host.close(() => r()))
    }
  })
})

describe('JSAPI order parameters', () => {
  it.each([
    ['out_trade_no shorter than 6', { out_trade_no: 'abc12' }, 400, 'PARAM_ERROR'],
    ['out_trade_no longer than 32', { out_trade_no: 'a'.repeat(33) }, 400, 'PARAM_ERROR'],
    ['out_trade_no with other characters', { out_trade_no: 'abc#1234' }, 400, 'PARAM_ERROR'],
    ['amount.total 0', { amount: { total: 0, currency: 'CNY' } }, 400, 'PARAM_ERROR'],
    ['amount.total not an integer', { amount: { total: 1.5, currency: 'CNY' } }, 400, 'PARAM_ERROR'],
    ['amount.total as a string', { amount: { total: '100', currency: 'CNY' } }, 400, 'PARAM_ERROR'],
    ['another currency', { amount: { total: 100, currency: 'USD' } }, 400, 'PARAM_ERROR'],
    ['no notify_url', { notify_url: undefined }, 400, 'PARAM_ERROR'],
    ['notify_url with a query string', { notify_url: 'https://example.com/n?x=1' }, 400, 'PARAM_ERROR'],
    ['no payer.openid', { payer: {} }, 400, 'PARAM_ERROR'],
    ['description over 127 characters', { description: '充'.repeat(128) }, 400, 'PARAM_ERROR'],
    ['time_expire not RFC 3339', { time_expire: '2030-01-01 00:00:00' }, 400, 'PARAM_ERROR'],
    ['another appid', { appid: 'wx0000000000000000' }, 400, 'APPID_MCHID_NOT_MATCH'],
    ['another mchid', { mchid: '1900000001' }, 400, 'MCH_NOT_EXISTS']
  ])('refuses %s', async (_name, over, status, code) => {
    const r = await call('POST', '/v3/pay/transactions/jsapi', order(over))
    expect([r.status, r.json?.code]).toEqual([status, code])
    expect(typeof r.json?.message).toBe('string')
  })

  it('accepts all allowed out_trade_no characters and keeps attach and time_expire', async () => {
    const no = `Ab9_-|*${seq++}`
    const r = await call('POST', '/v3/pay/transactions/jsapi', order({ out_trade_no: no, attach: 'a=1', time_expire: '2099-01-01T00:00:00+08:00' }))
    expect(r.status).toBe(200)
    expect(sim.orders.get(no)).toMatchObject({ attach: 'a=1', timeExpire: '2099-01-01T00:00:00+08:00', tradeState: 'NOTPAY', total: 100 })
    const q = await call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(no)}?mchid=${keys.mchid}`)
    expect([q.status, q.json.out_trade_no]).toEqual([200, no])
  })

  it('query needs the mchid and a known order', async () => {
    const o = order()
    await call('POST', '/v3/pay/transactions/jsapi', o)
    expect((await call('GET', `/v3/pay/transactions/out-trade-no/${o.out_trade_no}`)).json.code).toBe('PARAM_ERROR')
    const missing = await call('GET', `/v3/pay/transactions/out-trade-no/NOSUCH123?mchid=${keys.mchid}`)
    expect([missing.status, missing.json.code]).toEqual([404, 'ORDER_NOT_EXIST'])
  })

  it('a paid order can be found by transaction_id, cannot be re-created nor closed', async () => {
    const o = order()
    await call('POST', '/v3/pay/transactions/jsapi', o)
    const tx = sim.pay(o.out_trade_no)
    const byId = await call('GET', `/v3/pay/transactions/id/${tx.transaction_id}?mchid=${keys.mchid}`)
    expect([byId.status, byId.json.out_trade_no, byId.json.trade_state]).toEqual([200, o.out_trade_no, 'SUCCESS'])
    const again = await call('POST', '/v3/pay/transactions/jsapi', o)
    expect([again.status, again.json.code]).toEqual([403, 'ORDER_PAID'])
    const close = await call('POST', `/v3/pay/transactions/out-trade-no/${o.out_trade_no}/close`, { mchid: keys.mchid })
    expect([close.status, close.json.code]).toEqual([403, 'ORDER_PAID'])
    // paying twice changes nothing
    expect(sim.pay(o.out_trade_no).transaction_id).toBe(tx.transaction_id)
  })

  it('an order past its time_expire is closed', async () => {
    let t = Date.now()
    const clocked = createSimulator({ ...simulatorKeys(keys), now: () => t })
    const s = await clocked.listen()
    try {
      const o = order({ time_expire: new Date(t + 60_000).toISOString().replace('Z', '+00:00').replace(/\.\d+/, '') })
      expect((await signedRequest(s.url, 'POST', 'v3/pay/transactions/jsapi', o, keys)).status).toBe(200)
      expect(clocked.orders.get(o.out_trade_no)?.tradeState).toBe('NOTPAY')
      t += 61_000
      expect(clocked.orders.get(o.out_trade_no)?.tradeState).toBe('CLOSED')
      expect(() => clocked.pay(o.out_trade_no)).toThrow('订单已关闭')
      const q = await signedRequest(s.url, 'GET', `v3/pay/transactions/out-trade-no/${o.out_trade_no}?mchid=${keys.mchid}`, undefined, keys)
      expect(q.json.trade_state).toBe('CLOSED')
    } finally {
      clocked.close()
      await s.close()
    }
  })

  it('unknown APIs are 404 and the answer is still JSON', async () => {
    const r = await call('GET', '/v3/pay/transactions/whatever')
    expect([r.status, r.json.code]).toEqual([404, 'NOT_FOUND'])
  })
})

describe('refund rules', () => {
  async function paidOrder(total = 1000) {
    const o = order({ amount: { total, currency: 'CNY' } })
    await call('POST', '/v3/pay/transactions/jsapi', o)
    const tx = sim.pay(o.out_trade_no)
    return { no: o.out_trade_no as string, tx }
  }
  const refund = (over: Record<string, unknown>) =>
    call('POST', '/v3/refund/domestic/refunds', { out_refund_no: `RF${seq++}`, amount: { refund: 100, total: 1000, currency: 'CNY' }, ...over })

  it('refunds by transaction_id too, and settles at once with refundDelayMs 0', async () => {
    const { no, tx } = await paidOrder()
    const r = await refund({ transaction_id: tx.transaction_id })
    expect([r.status, r.json.status, r.json.out_trade_no]).toEqual([200, 'SUCCESS', no])
    expect(sim.orders.get(no)).toMatchObject({ tradeState: 'REFUND', refunded: 100 })
  })

  it.each([
    ['no order reference', () => ({}), 400, 'PARAM_ERROR'],
    ['an unknown order', () => ({ out_trade_no: 'NOSUCH999' }), 404, 'RESOURCE_NOT_EXISTS'],
    ['a refund of 0', (no: string) => ({ out_trade_no: no, amount: { refund: 0, total: 1000, currency: 'CNY' } }), 400, 'PARAM_ERROR'],
    ['no currency', (no: string) => ({ out_trade_no: no, amount: { refund: 1, total: 1000 } }), 400, 'PARAM_ERROR'],
    ['a bad out_refund_no', (no: string) => ({ out_trade_no: no, out_refund_no: 'a b' }), 400, 'PARAM_ERROR']
  ])('refuses %s', async (_name, body, status, code) => {
    const { no } = await paidOrder()
    const r = await refund(body(no))
    expect([r.status, r.json.code]).toEqual([status, code])
  })

  it('never lets Σ refunds exceed the total; a repeated out_refund_no must repeat its parameters', async () => {
    const { no } = await paidOrder(300)
    const amount = (refund: number) => ({ refund, total: 300, currency: 'CNY' })
    expect((await refund({ out_trade_no: no, out_refund_no: `${no}-1`, amount: amount(200) })).status).toBe(200)
    expect((await refund({ out_trade_no: no, out_refund_no: `${no}-1`, amount: amount(200) })).json.status).toBe('SUCCESS')
    const changed = await refund({ out_trade_no: no, out_refund_no: `${no}-1`, amount: amount(100) })
    expect([changed.status, changed.json.code]).toEqual([400, 'REFUND_FEE_MISMATCH'])
    const over = await refund({ out_trade_no: no, out_refund_no: `${no}-2`, amount: amount(101) })
    expect([over.status, over.json.code]).toEqual([400, 'INVALID_REQUEST'])
    expect((await refund({ out_trade_no: no, out_refund_no: `${no}-3`, amount: amount(100) })).status).toBe(200)
    expect(sim.orders.get(no)?.refunded).toBe(300)
    const q = await call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(`${no}-3`)}`)
    expect([q.status, q.json.amount.refund]).toEqual([200, 100])
    const none = await call('GET', '/v3/refund/domestic/refunds/NOSUCH')
    expect([none.status, none.json.code]).toEqual([404, 'RESOURCE_NOT_EXISTS'])
  })
})
