import { sign } from 'crypto'
import { verifyNotification } from './notification'
import type { RefundNotice, Transaction } from './types'
import { createSimulator } from '../../local/wechatpay-sim/simulator'
import { generateTestPayKeys, payConfigFor, simulatorKeys } from '../../local/wechatpay-sim/keys'

const keys = generateTestPayKeys()
const cfg = payConfigFor(keys, 'http://127.0.0.1:1/', 'http://127.0.0.1:1/notify')
const sim = createSimulator(simulatorKeys(keys))
afterAll(() => sim.close())

const tx: Transaction = {
  appid: keys.appid,
  mchid: keys.mchid,
  out_trade_no: 'R20260101000001',
  transaction_id: '4200000560202005168434734774',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  success_time: '2026-01-01T12:00:00+08:00',
  payer: { openid: 'o-member' },
  amount: { total: 10000, payer_total: 10000, currency: 'CNY', payer_currency: 'CNY' }
}

const now = () => Math.floor(Date.now() / 1000)

describe('verifyNotification', () => {
  it('accepts a genuine notification and returns the decrypted transaction', () => {
    const { headers, body } = sim.signedNotification(tx)
    const r = verifyNotification(cfg, headers, body)
    expect(r).toEqual({
      ok: true,
      event: { id: JSON.parse(body).id, event_type: 'TRANSACTION.SUCCESS', create_time: expect.stringMatching(/\+08:00$/), summary: '支付成功' },
      resource: tx
    })
  })

  it('accepts lower-case and array-valued headers (as node and frameworks deliver them)', () => {
    const { headers, body } = sim.signedNotification(tx)
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]]))
    expect(verifyNotification(cfg, lower, body).ok).toBe(true)
  })

  it('decrypts refund notices (associated_data "refund")', () => {
    const notice: RefundNotice = {
      mchid: keys.mchid,
      transaction_id: tx.transaction_id as string,
      out_trade_no: tx.out_trade_no,
      refund_id: '50300604212020051600550537447',
      out_refund_no: 'RF1',
      refund_status: 'SUCCESS',
      success_time: '2026-01-02T12:00:00+08:00',
      user_received_account: '支付用户零钱',
      amount: { total: 10000, refund: 5000, payer_total: 10000, payer_refund: 5000 }
    }
    const { headers, body } = sim.signedNotification(notice, { eventType: 'REFUND.SUCCESS' })
    expect(JSON.parse(body).resource).toMatchObject({ original_type: 'refund', associated_data: 'refund' })
    const r = verifyNotification(cfg, headers, body)
    expect(r.ok && r.event.event_type).toBe('REFUND.SUCCESS')
    expect(r.ok && r.resource).toEqual(notice)
  })

  it.each([
    ['stale (signed 301 s ago)', { timestamp: now() - 301 }, 'STALE_TIMESTAMP'],
    ['from the future', { timestamp: now() + 400 }, 'STALE_TIMESTAMP'],
    ['forged signature', { tamper: 'signature' as const }, 'BAD_SIGNATURE'],
    ['timestamp changed after signing (replay)', { tamper: 'timestamp' as const }, 'BAD_SIGNATURE'],
    ['signature probe', { tamper: 'probe' as const }, 'SIGNATURE_PROBE'],
    ['corrupted ciphertext, correctly signed', { tamper: 'ciphertext' as const }, 'DECRYPT_FAILED'],
    ['unknown serial', { serial: 'PUB_KEY_ID_0000000000' }, 'UNKNOWN_SERIAL'],
    ['other algorithm', { algorithm: 'AEAD_AES_128_GCM' }, 'BAD_ALGORITHM']
  ])('rejects %s', (_name, opts, reason) => {
    const { headers, body } = sim.signedNotification(tx, opts)
    expect(verifyNotification(cfg, headers, body)).toEqual({ ok: false, reason })
  })

  it('accepts exactly ±300 s of clock skew', () => {
    const { headers, body } = sim.signedNotification(tx)
    const ts = Number(headers['Wechatpay-Timestamp'])
    expect(verifyNotification(cfg, headers, body, ts + 300).ok).toBe(true)
    expect(verifyNotification(cfg, headers, body, ts - 300).ok).toBe(true)
    expect(verifyNotification(cfg, headers, body, ts + 301)).toEqual({ ok: false, reason: 'STALE_TIMESTAMP' })
  })

  it('rejects a body that differs from the signed one by a single space', () => {
    const { headers, body } = sim.signedNotification(tx)
    expect(verifyNotification(cfg, headers, `${body} `)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' })
    expect(verifyNotification(cfg, headers, JSON.stringify(JSON.parse(body), null, 1))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' })
  })

  it('fails to decrypt with another APIv3 key', () => {
    const { headers, body } = sim.signedNotification(tx)
    expect(verifyNotification({ ...cfg, apiv3Key: 'A'.repeat(32) }, headers, body)).toEqual({ ok: false, reason: 'DECRYPT_FAILED' })
  })

  it('rejects missing headers', () => {
    const { headers, body } = sim.signedNotification(tx)
    for (const name of ['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Serial', 'Wechatpay-Signature']) {
      const h: Record<string, string | undefined> = { ...headers, [name]: undefined }
      expect(verifyNotification(cfg, h, body)).toEqual({ ok: false, reason: 'MISSING_HEADERS' })
    }
  })

  it('rejects a correctly signed body that is not a notification envelope', () => {
    const ts = String(now())
    const nonce = 'n0nce'
    const body = '{"hello":"world"}'
    const signature = sign('sha256', Buffer.from(`${ts}\n${nonce}\n${body}\n`), keys.platformPrivateKey).toString('base64')
    const headers = { 'Wechatpay-Timestamp': ts, 'Wechatpay-Nonce': nonce, 'Wechatpay-Serial': keys.platformPublicKeyId, 'Wechatpay-Signature': signature }
    expect(verifyNotification(cfg, headers, body)).toEqual({ ok: false, reason: 'MALFORMED' })
  })
})
