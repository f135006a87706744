import { generateTestPayKeys, payConfigFor } from '../../local/wechatpay-sim/keys'
import { payConfigToEnv } from '../wechatpay'
import { handlePayNotification } from './notify'

/**
 * payNotify answers WeChat Pay in the v3 notify format whatever arrives: `{"code":"FAIL",…}` with
 * a 4xx/5xx status (WeChat retries), never a thrown error (which the HTTP access service turns
 * into an answer WeChat Pay cannot read, and which leaks a stack into the logs as a crash).
 * These run without a database: every case is refused before crediting.
 */
const failure = (res: { statusCode: number; body: string }) => ({ status: res.statusCode, ...JSON.parse(res.body) })

function withPayEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('WECHATPAY_')).map((k) => [k, process.env[k]]))
  for (const k of Object.keys(saved)) delete process.env[k]
  Object.assign(process.env, env)
  return fn().finally(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('WECHATPAY_')) delete process.env[k]
    Object.assign(process.env, saved)
  })
}

const configured = () => payConfigToEnv(payConfigFor(generateTestPayKeys(), 'http://127.0.0.1:9/', 'http://127.0.0.1:9/api/pay/notify'))

it('an unconfigured function answers FAIL (500) instead of throwing', async () => {
  const error = jest.spyOn(console, 'error').mockImplementation(() => {})
  try {
    const res = await withPayEnv({}, () => handlePayNotification({ httpMethod: 'POST', headers: {}, body: '{}' }))
    expect(failure(res)).toEqual({ status: 500, code: 'FAIL', message: expect.any(String) })
    expect(res.body).not.toMatch(/WECHATPAY_|at \w+ \(/)
  } finally {
    error.mockRestore()
  }
})

describe('a body that is not a string is refused with FAIL (400)', () => {
  for (const [what, event] of [
    ['an object', { body: { id: 'x' } }],
    ['an object marked base64', { body: { id: 'x' }, isBase64Encoded: true }],
    ['a number', { body: 42 }],
    ['an array', { body: ['a'] }]
  ] as const) {
    it(what, async () => {
      const res = await withPayEnv(configured(), () => handlePayNotification({ httpMethod: 'POST', headers: {}, ...(event as object) }))
      expect(failure(res)).toEqual({ status: 400, code: 'FAIL', message: expect.any(String) })
    })
  }
})

it('no event at all is refused with FAIL (400)', async () => {
  const res = await withPayEnv(configured(), () => handlePayNotification(undefined as never))
  expect(failure(res)).toEqual({ status: 400, code: 'FAIL', message: expect.any(String) })
})

it('a string body that fails the signature check is still 401 FAIL', async () => {
  const res = await withPayEnv(configured(), () => handlePayNotification({ httpMethod: 'POST', headers: {}, body: '{}' }))
  expect(failure(res)).toMatchObject({ status: 401, code: 'FAIL' })
})
