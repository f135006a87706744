/**
 * WeChat Pay's two kinds of keys: platform certificates (older merchants) and the WeChat Pay
 * public key (new merchants), and the week of a switch when both sign. The client and the
 * notification check pick the key by the serial WeChat names, and the client asks for the
 * public key with `Wechatpay-Serial` (docs/wechatpay.md, "Key modes").
 */
import { createPayClient } from './client'
import { certificateSerial, payConfigFromEnv, payConfigToEnv } from './config'
import { verifyNotification } from './notification'
import { PayError, type PayConfig, type Transaction } from './types'
import { createSimulator, type Simulator } from '../../local/wechatpay-sim/simulator'
import { generateTestPayKeys, payConfigFor, platformCertificate, simulatorKeys, type KeyMode } from '../../local/wechatpay-sim/keys'

const keys = generateTestPayKeys()
let sim: Simulator
let server: { url: string; close(): Promise<void> }
let seq = 0
const tradeNo = () => `K${Date.now()}${seq++}`

beforeAll(async () => {
  sim = createSimulator({ ...simulatorKeys(keys), timeScale: 0.001 })
  server = await sim.listen()
})

afterAll(async () => {
  sim.close()
  await server.close()
})

afterEach(() => sim.setKeyMode('publicKey'))

const cfgFor = (mode: KeyMode): PayConfig => payConfigFor(keys, server.url, 'http://127.0.0.1:1/notify', mode)

async function answeredBy(client: ReturnType<typeof createPayClient>): Promise<string> {
  const no = tradeNo()
  const before = sim.requests.length
  await client.createJsapiOrder({ outTradeNo: no, description: 'x', total: 1, openid: 'o' })
  expect(await client.queryOrder(no)).toMatchObject({ out_trade_no: no, trade_state: 'NOTPAY' })
  return sim.requests.slice(before).map((r) => r.serial ?? '-').join()
}

describe('configuration', () => {
  it('reads platform certificates by the serial inside them, beside the public key, and round-trips', () => {
    const env = payConfigToEnv(cfgFor('migrating'))
    expect(env.WECHATPAY_PLATFORM_CERTIFICATES).toBe(keys.platformCertificate)
    const cfg = payConfigFromEnv(env)
    expect(cfg.platformKeys).toEqual({ [keys.platformCertSerial]: keys.platformCertificate, [keys.platformPublicKeyId]: keys.platformPublicKey })
    expect(cfg.publicKeyId).toBe(keys.platformPublicKeyId)
    expect(certificateSerial(keys.platformCertificate)).toBe(keys.platformCertSerial)
    expect(payConfigFromEnv(payConfigToEnv(cfg))).toEqual(cfg)
  })

  it('certificates only: no public key id, nothing asked of WeChat', () => {
    const cfg = payConfigFromEnv(payConfigToEnv(cfgFor('certificate')))
    expect(cfg).toMatchObject({ platformKeys: { [keys.platformCertSerial]: keys.platformCertificate }, publicKeyId: null })
  })

  it('several certificates in one value (a certificate renewal) are all kept', () => {
    const env = payConfigToEnv(cfgFor('certificate'))
    const renewed = platformCertificate({ privateKey: keys.platformPrivateKey, publicKey: keys.platformPublicKey })
    // the value may carry escaped newlines, as env files often do
    const cfg = payConfigFromEnv({ ...env, WECHATPAY_PLATFORM_CERTIFICATES: `${keys.platformCertificate}${renewed.pem}`.replace(/\n/g, '\\n') })
    expect(cfg.platformKeys).toEqual({ [keys.platformCertSerial]: keys.platformCertificate, [renewed.serial]: renewed.pem })
  })

  it('names what is missing: neither key, or half of the public key', () => {
    const env = payConfigToEnv(cfgFor('publicKey'))
    const { WECHATPAY_PLATFORM_PUBLIC_KEY: _k, WECHATPAY_PLATFORM_PUBLIC_KEY_ID: _i, ...none } = env
    expect(() => payConfigFromEnv(none)).toThrow(
      'missing WECHATPAY_PLATFORM_PUBLIC_KEY and WECHATPAY_PLATFORM_PUBLIC_KEY_ID (or WECHATPAY_PLATFORM_CERTIFICATES)'
    )
    expect(() => payConfigFromEnv({ ...none, WECHATPAY_PLATFORM_PUBLIC_KEY: env.WECHATPAY_PLATFORM_PUBLIC_KEY })).toThrow(
      'missing WECHATPAY_PLATFORM_PUBLIC_KEY_ID'
    )
    expect(() => payConfigFromEnv({ ...none, WECHATPAY_PLATFORM_CERTIFICATES: env.WECHATPAY_PLATFORM_PUBLIC_KEY })).toThrow(
      'WECHATPAY_PLATFORM_CERTIFICATES holds no PEM certificate'
    )
  })
})

describe('the client', () => {
  it('sends Wechatpay-Serial with the public key id when it has one, and not otherwise', async () => {
    expect(await answeredBy(createPayClient(cfgFor('publicKey')))).toBe(`${keys.platformPublicKeyId},${keys.platformPublicKeyId}`)
    expect(await answeredBy(createPayClient(cfgFor('migrating')))).toBe(`${keys.platformPublicKeyId},${keys.platformPublicKeyId}`)
  })

  it('a merchant on certificates asks for nothing and works while WeChat signs with the certificate', async () => {
    sim.setKeyMode('certificate')
    expect(await answeredBy(createPayClient(cfgFor('certificate')))).toBe('-,-')
  })

  it('during a switch, answers are signed with the public key because the client asks for it', async () => {
    sim.setKeyMode('migrating')
    // a client that only trusts the public key gets public-key answers: it asked for them
    const publicOnly = createPayClient({ ...cfgFor('publicKey') })
    await answeredBy(publicOnly)
    // one that does not ask gets certificate answers, which it verifies with the certificate
    await answeredBy(createPayClient(cfgFor('certificate')))
  })

  it('refuses an answer signed by a key it does not have', async () => {
    const no = tradeNo()
    await createPayClient(cfgFor('publicKey')).createJsapiOrder({ outTradeNo: no, description: 'x', total: 1, openid: 'o' })
    sim.setKeyMode('certificate')
    const err = await createPayClient(cfgFor('publicKey'))
      .queryOrder(no)
      .catch((x: unknown) => x)
    expect(err).toBeInstanceOf(PayError)
    expect((err as PayError).code).toBe('BAD_RESPONSE_SIGNATURE')
  })
})

describe('notifications during a switch', () => {
  const tx: Transaction = {
    appid: keys.appid,
    mchid: keys.mchid,
    out_trade_no: 'R20260101000009',
    transaction_id: '4200000560202005168434734779',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    payer: { openid: 'o-member' },
    amount: { total: 100 }
  }

  it('are signed by either key, and each verifies with the key its serial names', () => {
    sim.setKeyMode('migrating')
    const a = sim.signedNotification(tx)
    const b = sim.signedNotification(tx)
    expect([a.headers['Wechatpay-Serial'], b.headers['Wechatpay-Serial']].sort()).toEqual([keys.platformCertSerial, keys.platformPublicKeyId].sort())
    const both = cfgFor('migrating')
    expect(verifyNotification(both, a.headers, a.body).ok).toBe(true)
    expect(verifyNotification(both, b.headers, b.body).ok).toBe(true)
    // a merchant that dropped the certificate too early refuses the certificate-signed one
    const [byCert, byKey] = a.headers['Wechatpay-Serial'] === keys.platformCertSerial ? [a, b] : [b, a]
    expect(verifyNotification(cfgFor('publicKey'), byCert.headers, byCert.body)).toEqual({ ok: false, reason: 'UNKNOWN_SERIAL' })
    expect(verifyNotification(cfgFor('certificate'), byKey.headers, byKey.body)).toEqual({ ok: false, reason: 'UNKNOWN_SERIAL' })
  })

  it('a signature by one key under the other key’s serial is refused', () => {
    sim.setKeyMode('certificate')
    const n = sim.signedNotification(tx, { serial: keys.platformPublicKeyId })
    expect(verifyNotification(cfgFor('migrating'), n.headers, n.body)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' })
  })

  it('a serial that names an inherited property is unknown, not a crash', () => {
    const n = sim.signedNotification(tx, { serial: 'constructor' })
    expect(verifyNotification(cfgFor('migrating'), n.headers, n.body)).toEqual({ ok: false, reason: 'UNKNOWN_SERIAL' })
  })
})
