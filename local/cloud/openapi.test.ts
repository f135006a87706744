/**
 * wxacode.getUnlimited locally: the body WeChat checks, answered with a real QR code image that
 * opens the page on the local H5 build (api_getunlimitedqrcode; docs/local-cloud.md).
 */
import { decodeQrPng } from '../../test/qr'
import { cloud, openCloud, rejection } from './test-kit'

// a hang guard, not a bound on the work: the first code loads qrcode and jsQR, slow on a busy machine
jest.setTimeout(10 * 60_000)

let t: ReturnType<typeof openCloud>
beforeEach(() => {
  t = openCloud({ appUrl: 'http://127.0.0.1:9' })
})
afterEach(() => t.local.close())

const code = (data: Record<string, unknown>) => (cloud.openapi as any)({ convertCase: false }).wxacode.getUnlimited(data)

describe('wxacode.getUnlimited', () => {
  it('answers with a PNG buffer that encodes the page and the scene on the local H5 build', async () => {
    t.local.register('code', async () => {
      const res = await code({ scene: 'store-xuhui', page: 'packages/checkout/pages/index/index', check_path: false, env_version: 'trial' })
      return { contentType: res.contentType, png: Buffer.from(res.buffer).toString('base64') }
    })
    const res = await t.local.invoke('code', {})
    expect(res.contentType).toBe('application/octet-stream')
    const png = Buffer.from(res.png, 'base64')
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(decodeQrPng(png)).toEqual({ text: 'http://127.0.0.1:9/#/packages/checkout/pages/index/index?scene=store-xuhui', width: 430, height: 430 })
    expect(t.local.openapiCalls[0]).toMatchObject({ api: 'wxacode.getUnlimited', data: { scene: 'store-xuhui', check_path: false, env_version: 'trial' } })
  })

  it('refuses a scene WeChat refuses: more than 32 characters, or outside its charset', async () => {
    t.local.register('code', async (e: { scene: string }) => rejection(code({ scene: e.scene })).then((err) => err.errCode))
    expect(await t.local.invoke('code', { scene: 'x'.repeat(33) })).toBe(40169)
    expect(await t.local.invoke('code', { scene: '门店' })).toBe(40169)
    expect(await t.local.invoke('code', { scene: 'a%20b' })).toBe(40169)
  })

  it('refuses a page with a leading slash or a query (parameters go in the scene)', async () => {
    t.local.register('code', async (e: { page: string }) => rejection(code({ scene: 's1', page: e.page })).then((err) => err.errCode))
    expect(await t.local.invoke('code', { page: '/pages/index/index' })).toBe(40159)
    expect(await t.local.invoke('code', { page: 'pages/index/index?a=1' })).toBe(40159)
  })
})
