import { createPublicKey, sign, verify, X509Certificate } from 'crypto'
import { mkdtempSync, readFileSync, statSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { ensureDevPayConfig, generatePayKeys, generateTestPayKeys } from './keys'

const pem = (k: string, type: 'spki') => createPublicKey(k).export({ type, format: 'pem' })

it('generates paired keys with WeChat-shaped ids', () => {
  const k = generatePayKeys()
  expect(k.mchid).toBe('1900000109')
  expect(k.appid).toBe('wx8888888888888888')
  expect(k.merchantSerial).toMatch(/^[0-9A-F]{40}$/)
  expect(k.platformPublicKeyId).toMatch(/^PUB_KEY_ID_\d{28}$/)
  expect(k.apiv3Key).toMatch(/^[0-9A-Za-z]{32}$/)
  expect(pem(k.merchantPrivateKey, 'spki')).toBe(k.merchantPublicKey)
  expect(pem(k.platformPrivateKey, 'spki')).toBe(k.platformPublicKey)
  expect(k.platformPublicKey).not.toBe(k.merchantPublicKey)
  const sig = sign('sha256', Buffer.from('x'), k.platformPrivateKey)
  expect(verify('sha256', Buffer.from('x'), k.platformPublicKey, sig)).toBe(true)
  // the platform certificate: its own key pair, a 40-hex serial that is the one inside it
  expect(k.platformCertSerial).toMatch(/^[0-9A-F]{40}$/)
  expect(new X509Certificate(k.platformCertificate).serialNumber).toBe(k.platformCertSerial)
  const certSig = sign('sha256', Buffer.from('x'), k.platformCertPrivateKey)
  expect(verify('sha256', Buffer.from('x'), k.platformCertificate, certSig)).toBe(true)
  expect(verify('sha256', Buffer.from('x'), k.platformPublicKey, certSig)).toBe(false)
})

it('generateTestPayKeys is cached per process', () => {
  expect(generateTestPayKeys()).toBe(generateTestPayKeys())
})

describe('ensureDevPayConfig', () => {
  it('generates once, keeps the file private, and returns the same keys afterwards', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'paydev-')), 'nested')
    const a = ensureDevPayConfig(dir, 'http://127.0.0.1:3000/pay/notify', 'http://127.0.0.1:3000/wxpay/', {})
    const file = join(dir, 'wechatpay-dev.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const stored = JSON.parse(readFileSync(file, 'utf8'))
    expect(stored.merchantPrivateKey).toBe(a.merchantPrivateKey)
    expect(a).toMatchObject({
      mchid: '1900000109',
      appid: 'wx8888888888888888',
      notifyUrl: 'http://127.0.0.1:3000/pay/notify',
      baseURL: 'http://127.0.0.1:3000/wxpay/'
    })
    const b = ensureDevPayConfig(dir, 'http://other/notify', 'http://other/', {})
    expect({ ...b, notifyUrl: a.notifyUrl, baseURL: a.baseURL }).toEqual(a)
  })

  it('lets WECHATPAY_* variables override stored values and derives the merchant public key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paydev-'))
    const other = generatePayKeys()
    const cfg = ensureDevPayConfig(dir, 'http://n/', 'http://b/', {
      WECHATPAY_MCHID: '1230000109',
      WECHATPAY_MERCHANT_PRIVATE_KEY: other.merchantPrivateKey,
      WECHATPAY_NOTIFY_URL: 'https://shop.example.com/notify'
    })
    expect(cfg.mchid).toBe('1230000109')
    expect(cfg.merchantPrivateKey).toBe(other.merchantPrivateKey)
    expect(cfg.merchantPublicKey).toBe(other.merchantPublicKey)
    expect(cfg.notifyUrl).toBe('https://shop.example.com/notify')
    expect(cfg.appid).toBe('wx8888888888888888')
  })
})
