import { mkdtempSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { payConfigFromEnv, payConfigToEnv } from './config'
import { generateTestPayKeys, payConfigFor } from '../../local/wechatpay-sim/keys'

const keys = generateTestPayKeys()

function env(over: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const { WECHATPAY_BASE_URL: _, ...vars } = payConfigToEnv(payConfigFor(keys, 'https://unused.example/', 'https://example.com/pay/notify'))
  return { ...vars, ...over }
}

describe('payConfigToEnv', () => {
  it('is the inverse of payConfigFromEnv', () => {
    const cfg = payConfigFromEnv(env({ WECHATPAY_BASE_URL: 'http://127.0.0.1:9/' }))
    expect(payConfigFromEnv(payConfigToEnv(cfg))).toEqual(cfg)
  })
})

describe('payConfigFromEnv', () => {
  it('reads every variable and defaults the base URL to WeChat', () => {
    expect(payConfigFromEnv(env())).toEqual({
      mchid: keys.mchid,
      appid: keys.appid,
      merchantSerial: keys.merchantSerial,
      merchantPrivateKey: keys.merchantPrivateKey,
      apiv3Key: keys.apiv3Key,
      platformKeys: { [keys.platformPublicKeyId]: keys.platformPublicKey },
      publicKeyId: keys.platformPublicKeyId,
      baseURL: 'https://api.mch.weixin.qq.com/',
      notifyUrl: 'https://example.com/pay/notify'
    })
  })

  it('names every missing variable', () => {
    expect(() => payConfigFromEnv(env({ WECHATPAY_APPID: undefined, WECHATPAY_APIV3_KEY: ' ', WECHATPAY_NOTIFY_URL: '' }))).toThrow(
      'WeChat Pay is not configured: missing WECHATPAY_APPID, WECHATPAY_APIV3_KEY, WECHATPAY_NOTIFY_URL'
    )
  })

  it('takes keys from file paths and from PEM text with escaped newlines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paycfg-'))
    const keyFile = join(dir, 'apiclient_key.pem')
    writeFileSync(keyFile, keys.merchantPrivateKey)
    const cfg = payConfigFromEnv(
      env({
        WECHATPAY_MERCHANT_PRIVATE_KEY: keyFile,
        WECHATPAY_PLATFORM_PUBLIC_KEY: keys.platformPublicKey.replace(/\n/g, '\\n'),
        WECHATPAY_BASE_URL: 'http://127.0.0.1:9999'
      })
    )
    expect(cfg.merchantPrivateKey).toBe(keys.merchantPrivateKey)
    expect(cfg.platformKeys[keys.platformPublicKeyId]).toBe(keys.platformPublicKey)
    expect(cfg.baseURL).toBe('http://127.0.0.1:9999/')
  })

  it('refuses a key that is neither PEM nor a file, and an APIv3 key of the wrong length', () => {
    expect(() => payConfigFromEnv(env({ WECHATPAY_MERCHANT_PRIVATE_KEY: '/no/such/key.pem' }))).toThrow(
      'WECHATPAY_MERCHANT_PRIVATE_KEY is neither PEM text nor a readable file path'
    )
    expect(() => payConfigFromEnv(env({ WECHATPAY_APIV3_KEY: 'short' }))).toThrow('exactly 32 bytes')
  })
})
