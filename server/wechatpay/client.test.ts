/**
 * The client against the simulator on a loopback port: the full pay/refund cycle with
 * real signatures both ways, and the failure shapes callers rely on.
 */
import { createServer, request } from 'http'
import { caught } from './testing'
import { createPublicKey, generateKeyPairSync, verify } from 'crypto'
import { createPayClient } from './client'
import { verifyNotification } from './notification'
import type { PayConfig, RefundNotice, Transaction } from './types'
import { createSimulator, type Simulator } from '../../local/wechatpay-sim/simulator'
import { generateTestPayKeys, payConfigFor, simulatorKeys } from '../../local/wechatpay-sim/keys'
import { startNotifyReceiver } from '../../local/wechatpay-sim/testing'

const keys = generateTestPayKeys()

/** One RSA pair nobody else has (a whole key set would cost three; this runs on a busy machine). */
let stranger: { privateKey: string; publicKey: string } | undefined
function strangerKeys() {
  stranger ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
  })
  return stranger
}
let sim: Simulator
let server: { url: string; close(): Promise<void> }
let receiver: Awaited<ReturnType<typeof startNotifyReceiver>>
let cfg: PayConfig

let seq = 0
const tradeNo = () => `T${Date.now()}${seq++}`

beforeAll(async () => {
  receiver = await startNotifyReceiver()
  sim = createSimulator({ ...simulatorKeys(keys), timeScale: 0.001, refundDelayMs: 5 })
  server = await sim.listen()
  cfg = payConfigFor(keys, server.url, receiver.url)
})

afterAll(async () => {
  sim.close()
  await server.close()
  await receiver.close()
})


describe('pay cycle', () => {
  it('create → query NOTPAY → pay → signed notification → query SUCCESS', async () => {
    const client = createPayClient(cfg)
    const no = tradeNo()
    const { prepayId } = await client.createJsapiOrder({ outTradeNo: no, description: '余额充值 ¥100', total: 10000, openid: 'o-member-1', attach: 'plan:p100' })
    expect(prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/)

    expect(await client.queryOrder(no)).toEqual({
      appid: keys.appid,
      mchid: keys.mchid,
      out_trade_no: no,
      trade_state: 'NOTPAY',
      trade_state_desc: '未支付',
      attach: 'plan:p100',
      amount: { total: 10000, currency: 'CNY', payer_currency: 'CNY' }
    })

    const before = receiver.received.length
    sim.pay(prepayId)
    await sim.idle()
    const got = receiver.received.slice(before)
    expect(got).toHaveLength(1)
    const check = verifyNotification(cfg, got[0].headers, got[0].body)
    if (!check.ok) throw new Error(`notification rejected: ${check.reason}`)
    expect(check.event.event_type).toBe('TRANSACTION.SUCCESS')
    const tx = check.resource as Transaction
    expect(tx).toMatchObject({
      appid: keys.appid,
      mchid: keys.mchid,
      out_trade_no: no,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      attach: 'plan:p100',
      payer: { openid: 'o-member-1' },
      amount: { total: 10000, payer_total: 10000, currency: 'CNY', payer_currency: 'CNY' }
    })
    expect(tx.transaction_id).toMatch(/^\d{28}$/)
    expect(tx.success_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)

    // the query answer and the notification describe the same payment
    expect(await client.queryOrder(no)).toEqual(tx)
  })

  it('repeating create with the same parameters returns the same prepay_id; changed parameters are refused', async () => {
    const client = createPayClient(cfg)
    const o = { outTradeNo: tradeNo(), description: '充值', total: 500, openid: 'o-2' }
    const a = await client.createJsapiOrder(o)
    expect(await client.createJsapiOrder(o)).toEqual(a)
    const e = await caught(client.createJsapiOrder({ ...o, total: 501 }))
    expect([e.code, e.status]).toEqual(['OUT_TRADE_NO_USED', 403])
  })

  it('paymentParams are signed with the merchant key over appId, timeStamp, nonceStr, package', async () => {
    const client = createPayClient(cfg)
    const { prepayId } = await client.createJsapiOrder({ outTradeNo: tradeNo(), description: '充值', total: 1, openid: 'o-3' })
    const p = client.paymentParams(prepayId)
    expect(p).toMatchObject({ appId: keys.appid, package: `prepay_id=${prepayId}`, signType: 'RSA' })
    expect(p.nonceStr).toMatch(/^[0-9A-Za-z]{32}$/)
    expect(Math.abs(Number(p.timeStamp) - Date.now() / 1000)).toBeLessThan(5)
    const msg = `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`
    expect(verify('sha256', Buffer.from(msg), createPublicKey(keys.merchantPrivateKey), Buffer.from(p.paySign, 'base64'))).toBe(true)

    // the simulator's checkout page accepts exactly these parameters …
    const q = new URLSearchParams({ prepay_id: prepayId, timeStamp: p.timeStamp, nonceStr: p.nonceStr, paySign: p.paySign })
    const ok = await fetch(`${server.url}sim/checkout?${q}`)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('支付')
    // … and refuses them altered
    q.set('nonceStr', 'x' + p.nonceStr.slice(1))
    const bad = await fetch(`${server.url}sim/checkout?${q}`)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('支付验证签名失败')
  })

  it('queryOrder is null for an unknown order', async () => {
    expect(await createPayClient(cfg).queryOrder('NO_SUCH_ORDER_1')).toBeNull()
  })

  it('closeOrder closes an unpaid order (re-entrantly) and reports a paid one as paid', async () => {
    const client = createPayClient(cfg)
    const unpaid = tradeNo()
    await client.createJsapiOrder({ outTradeNo: unpaid, description: '充值', total: 100, openid: 'o-4' })
    expect(await client.closeOrder(unpaid)).toBe('closed')
    expect(await client.closeOrder(unpaid)).toBe('closed')
    expect((await client.queryOrder(unpaid))?.trade_state).toBe('CLOSED')
    // a closed order can no longer be paid
    expect(() => sim.pay(unpaid)).toThrow('订单已关闭')

    // an order WeChat never saw cannot be paid either
    expect(await client.closeOrder('NEVER_CREATED_1')).toBe('closed')

    const paid = tradeNo()
    await client.createJsapiOrder({ outTradeNo: paid, description: '充值', total: 100, openid: 'o-4' })
    sim.pay(paid)
    expect(await client.closeOrder(paid)).toBe('paid')
    expect((await client.queryOrder(paid))?.trade_state).toBe('SUCCESS')
    await sim.idle()
  })

  it('refunds: partial, idempotent by out_refund_no, never beyond the total, REFUND.SUCCESS notified', async () => {
    const client = createPayClient(cfg)
    const no = tradeNo()
    await client.createJsapiOrder({ outTradeNo: no, description: '充值', total: 1000, openid: 'o-5' })

    const early = await caught(client.createRefund({ outTradeNo: no, outRefundNo: `${no}R0`, amount: { refund: 100, total: 1000 } }))
    expect(early.code).toBe('INVALID_REQUEST')

    sim.pay(no)
    await sim.idle()
    const before = receiver.received.length

    const r1 = await client.createRefund({ outTradeNo: no, outRefundNo: `${no}R1`, amount: { refund: 600, total: 1000 }, reason: '会员退卡' })
    expect(r1).toMatchObject({ out_refund_no: `${no}R1`, out_trade_no: no, status: 'PROCESSING', channel: 'ORIGINAL' })
    expect(r1.amount).toMatchObject({ total: 1000, refund: 600, payer_total: 1000, payer_refund: 600, currency: 'CNY' })
    expect(r1.refund_id).toMatch(/^\d{29}$/)

    // the same out_refund_no is the same refund
    const again = await client.createRefund({ outTradeNo: no, outRefundNo: `${no}R1`, amount: { refund: 600, total: 1000 } })
    expect(again.refund_id).toBe(r1.refund_id)
    // Σ refunds may not exceed the total
    const over = await caught(client.createRefund({ outTradeNo: no, outRefundNo: `${no}R2`, amount: { refund: 401, total: 1000 } }))
    expect([over.code, over.status]).toEqual(['INVALID_REQUEST', 400])
    // wrong original total
    const wrongTotal = await caught(client.createRefund({ outTradeNo: no, outRefundNo: `${no}R3`, amount: { refund: 1, total: 999 } }))
    expect(wrongTotal.code).toBe('PARAM_ERROR')

    await new Promise((r) => setTimeout(r, 30))
    await sim.idle()
    const settled = await client.queryRefund(`${no}R1`)
    expect(settled?.status).toBe('SUCCESS')
    expect(settled?.success_time).toMatch(/\+08:00$/)
    expect((await client.queryOrder(no))?.trade_state).toBe('REFUND')

    const notes = receiver.received.slice(before).map((n) => verifyNotification(cfg, n.headers, n.body))
    expect(notes).toHaveLength(1)
    const n = notes[0]
    if (!n.ok) throw new Error(n.reason)
    expect(n.event.event_type).toBe('REFUND.SUCCESS')
    expect(n.resource as RefundNotice).toMatchObject({
      mchid: keys.mchid,
      out_trade_no: no,
      out_refund_no: `${no}R1`,
      refund_id: r1.refund_id,
      refund_status: 'SUCCESS',
      amount: { total: 1000, refund: 600, payer_total: 1000, payer_refund: 600 }
    })

    // the remaining 400 is still refundable
    const r4 = await client.createRefund({ outTradeNo: no, outRefundNo: `${no}R4`, amount: { refund: 400, total: 1000 } })
    expect(r4.amount.refund).toBe(400)
    expect(await client.queryRefund('NO_SUCH_REFUND')).toBeNull()
    await new Promise((r) => setTimeout(r, 30))
    await sim.idle()
  })

  it('refunds by transaction_id; WeChat refusals arrive as PayError with its code', async () => {
    const client = createPayClient(cfg)
    const no = tradeNo()
    await client.createJsapiOrder({ outTradeNo: no, description: '充值', total: 500, openid: 'o-6' })
    const { transaction_id } = sim.pay(no)
    await sim.idle()
    const r = await client.createRefund({ transactionId: transaction_id as string, outRefundNo: `${no}R1`, amount: { refund: 200, total: 500 } })
    expect([r.out_trade_no, r.transaction_id, r.amount.refund]).toEqual([no, transaction_id, 200])
    const mismatch = await caught(client.createRefund({ outTradeNo: no, outRefundNo: `${no}R1`, amount: { refund: 201, total: 500 } }))
    expect([mismatch.code, mismatch.status]).toEqual(['REFUND_FEE_MISMATCH', 400])
    const unknown = await caught(client.createRefund({ outTradeNo: 'NOSUCH0001', outRefundNo: `${no}R2`, amount: { refund: 1, total: 500 } }))
    expect(unknown.code).toBe('RESOURCE_NOT_EXISTS')
    await new Promise((r) => setTimeout(r, 30))
    await sim.idle()
  })

  it('a signed refund answer about another order or amount is BAD_RESPONSE; both or neither order id is refused unsent', async () => {
    const client = createPayClient(cfg)
    const no = tradeNo()
    await client.createJsapiOrder({ outTradeNo: no, description: '充值', total: 500, openid: 'o-7' })
    sim.pay(no)
    await sim.idle()
    const sent = sim.requests.length
    const both = { outTradeNo: no, transactionId: 'x', outRefundNo: `${no}R0`, amount: { refund: 1, total: 500 } } as unknown as Parameters<typeof client.createRefund>[0]
    expect((await caught(client.createRefund(both))).code).toBe('PARAM_ERROR')
    expect(sim.requests.length).toBe(sent)
    try {
      sim.tamperRefunds((r) => ({ ...r, amount: { ...r.amount, refund: r.amount.refund + 1 } }))
      const e = await caught(client.createRefund({ outTradeNo: no, outRefundNo: `${no}R1`, amount: { refund: 100, total: 500 } }))
      expect(e.code).toBe('BAD_RESPONSE')
      sim.tamperRefunds((r) => ({ ...r, out_trade_no: 'OTHER00001' }))
      expect((await caught(client.createRefund({ outTradeNo: no, outRefundNo: `${no}R1`, amount: { refund: 100, total: 500 } }))).code).toBe('BAD_RESPONSE')
    } finally {
      sim.tamperRefunds(null)
    }
    await new Promise((r) => setTimeout(r, 30))
    await sim.idle()
  })

  it('refuses non-integer or non-positive amounts before calling WeChat', async () => {
    const client = createPayClient(cfg)
    for (const total of [0, -1, 1.5, Number.NaN]) {
      const e = await caught(client.createJsapiOrder({ outTradeNo: tradeNo(), description: 'x', total, openid: 'o' }))
      expect([e.code, e.status]).toEqual(['PARAM_ERROR', undefined])
    }
    const e = await caught(client.createRefund({ outTradeNo: 'abcdef', outRefundNo: 'r', amount: { refund: 2, total: 1 } }))
    expect(e.code).toBe('PARAM_ERROR')
  })
})

describe('failures', () => {
  it('a request signed with the wrong merchant key is refused with 401 SIGN_ERROR', async () => {
    const client = createPayClient({ ...cfg, merchantPrivateKey: strangerKeys().privateKey })
    const e = await caught(client.createJsapiOrder({ outTradeNo: tradeNo(), description: 'x', total: 1, openid: 'o' }))
    expect([e.code, e.status]).toEqual(['SIGN_ERROR', 401])
  })

  it('an answer whose signature does not check out is BAD_RESPONSE_SIGNATURE', async () => {
    // a proxy that rewrites one byte of every simulator answer
    const target = new URL(server.url)
    const proxy = createServer((req, res) => {
      const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8').replace('NOTPAY', 'SUCCESS')
          const { 'transfer-encoding': _chunked, ...rest } = r.headers
          const headers = { ...rest, 'content-length': String(Buffer.byteLength(body)) }
          res.writeHead(r.statusCode ?? 500, headers)
          res.end(body)
        })
      })
      req.pipe(up)
    })
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()))
    const port = (proxy.address() as { port: number }).port
    try {
      const direct = createPayClient(cfg)
      const no = tradeNo()
      await direct.createJsapiOrder({ outTradeNo: no, description: 'x', total: 1, openid: 'o' })
      const viaProxy = createPayClient({ ...cfg, baseURL: `http://127.0.0.1:${port}/` })
      const e = await caught(viaProxy.queryOrder(no))
      expect([e.code, e.status]).toEqual(['BAD_RESPONSE_SIGNATURE', 200])

      // a client that trusts another WeChat Pay public key refuses genuine answers too
      const misconfigured = createPayClient({ ...cfg, platformKeys: { [keys.platformPublicKeyId]: strangerKeys().publicKey } })
      expect((await caught(misconfigured.queryOrder(no))).code).toBe('BAD_RESPONSE_SIGNATURE')
      const wrongId = createPayClient({ ...cfg, platformKeys: { PUB_KEY_ID_0000: keys.platformPublicKey }, publicKeyId: 'PUB_KEY_ID_0000' })
      expect((await caught(wrongId.queryOrder(no))).code).toBe('BAD_RESPONSE_SIGNATURE')
    } finally {
      await new Promise<void>((r) => proxy.close(() => r()))
    }
  })

  it('no answer at all is NETWORK', async () => {
    const dead = createServer()
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()))
    const port = (dead.address() as { port: number }).port
    await new Promise<void>((r) => dead.close(() => r()))
    const e = await caught(createPayClient({ ...cfg, baseURL: `http://127.0.0.1:${port}/` }).queryOrder('abcdef'))
    expect([e.code, e.status]).toEqual(['NETWORK', undefined])
  })

  it('ignores HTTP_PROXY for the loopback simulator', async () => {
    const saved = process.env.HTTP_PROXY
    process.env.HTTP_PROXY = 'http://127.0.0.1:9'
    try {
      expect(await createPayClient(cfg).queryOrder('NO_SUCH_ORDER_2')).toBeNull()
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY
      else process.env.HTTP_PROXY = saved
    }
  })
})
