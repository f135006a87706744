import { decodeQrPng } from '../test/qr'
import { useTestStack, type TestStack } from '../test/stack'
import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import { STORE_CODE_PAGE } from './store-code'

let s: TestStack
useTestStack((started) => (s = started))

const codeCalls = () => s.stack.cloud.openapiCalls.filter((c) => c.api === 'wxacode.getUnlimited')
const storeDoc = async (id: string) => (await database().collection(C.stores).doc(id).get()).data as any

async function forgetCode(storeId: string) {
  await database().collection(C.stores).doc(storeId).update({ data: { code: database().command.remove() } })
}

describe('ops.storeCode: a store’s checkout code', () => {
  it('a cashier of 徐汇店 gets its code: a PNG from our own origin that opens checkout at 徐汇店', async () => {
    await forgetCode('store-xuhui')
    const before = codeCalls().length
    const code = await s.data('ops', { action: 'storeCode', storeId: 'store-xuhui' }, 'demo-cashier')
    expect(code).toEqual({
      image: 'cloud://local.chuzhi-local/codes/store-store-xuhui.png',
      url: `${s.stack.url}/api/files/codes/store-store-xuhui.png`,
      path: 'codes/store-store-xuhui.png',
      page: STORE_CODE_PAGE,
      scene: 'store-xuhui',
      storeName: '徐汇店'
    })
    expect(codeCalls().slice(before).map((c) => c.data)).toEqual([
      { scene: 'store-xuhui', page: 'packages/checkout/pages/index/index', check_path: false, env_version: 'release', width: 430 }
    ])
    const res = await fetch(code.url)
    expect(res.headers.get('content-type')).toBe('image/png')
    const png = Buffer.from(await res.arrayBuffer())
    expect(decodeQrPng(png).text).toBe(`${s.stack.url}/#/packages/checkout/pages/index/index?scene=store-xuhui`)
    expect(await storeDoc('store-xuhui')).toMatchObject({ code: { fileID: code.image, scene: 'store-xuhui', page: STORE_CODE_PAGE, envVersion: 'release' } })
  })

  it('a second call reuses the stored image: WeChat is not asked again and the file is not rewritten', async () => {
    const first = await s.data('ops', { action: 'storeCode', storeId: 'store-jingan' }, 'demo-admin')
    const calls = codeCalls().length
    const written = s.stack.cloud.files.read(first.path)!.updatedAt
    s.stack.cloud.setClock(() => Date.now() + 60_000)
    try {
      const again = await s.data('ops', { action: 'storeCode', storeId: 'store-jingan' }, 'demo-admin')
      expect(again).toEqual(first)
    } finally {
      s.stack.cloud.setClock(Date.now)
    }
    expect(codeCalls().length).toBe(calls)
    expect(s.stack.cloud.files.read(first.path)!.updatedAt).toBe(written)
  })

  it('a code made for another mini-program version is made again, over the same path', async () => {
    const first = await s.data('ops', { action: 'storeCode', storeId: 'online' }, 'demo-admin')
    const calls = codeCalls().length
    const saved = process.env.WXACODE_ENV_VERSION
    process.env.WXACODE_ENV_VERSION = 'trial'
    try {
      const trial = await s.data('ops', { action: 'storeCode', storeId: 'online' }, 'demo-admin')
      expect(trial.image).toBe(first.image)
      expect(codeCalls().slice(calls).map((c) => (c.data as any).env_version)).toEqual(['trial'])
      expect((await storeDoc('online')).code.envVersion).toBe('trial')
    } finally {
      if (saved === undefined) delete process.env.WXACODE_ENV_VERSION
      else process.env.WXACODE_ENV_VERSION = saved
    }
  })

  it('a cashier of another store, a customer, a bad or unknown store id: refused, WeChat not asked', async () => {
    const calls = codeCalls().length
    const other = await s.call('ops', { action: 'storeCode', storeId: 'store-jingan' }, 'demo-cashier')
    expect(other.error).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining('不是您负责的门店') })
    expect((await s.call('ops', { action: 'storeCode', storeId: 'store-xuhui' }, 'demo-customer')).error.code).toBe('FORBIDDEN')
    expect((await s.call('ops', { action: 'storeCode', storeId: 'x'.repeat(33) }, 'demo-admin')).error.code).toBe('INVALID_INPUT')
    expect((await s.call('ops', { action: 'storeCode', storeId: '徐汇' }, 'demo-admin')).error.code).toBe('INVALID_INPUT')
    expect((await s.call('ops', { action: 'storeCode', storeId: 'store-nowhere' }, 'demo-admin')).error.code).toBe('STORE_NOT_FOUND')
    expect(codeCalls().length).toBe(calls)
  })

  it('WeChat refusing: a Chinese message with its errcode, nothing remembered, the next call tries again', async () => {
    await forgetCode('store-xuhui')
    const refused = await s.withOpenapi(
      () => ({ errcode: 45009, errmsg: 'reach max api minute-limit' }),
      () => s.call('ops', { action: 'storeCode', storeId: 'store-xuhui' }, 'demo-cashier')
    )
    expect(refused.error).toEqual({ code: 'INTERNAL', message: '微信暂时无法生成门店码（错误码45009），请稍后重试' })
    expect((await storeDoc('store-xuhui')).code).toBeUndefined()
    expect((await s.data('ops', { action: 'storeCode', storeId: 'store-xuhui' }, 'demo-cashier')).scene).toBe('store-xuhui')
  })
})

describe('ops.stores', () => {
  it('lists the stores a person works at; HQ sees all', async () => {
    expect(await s.data('ops', { action: 'stores' }, 'demo-cashier')).toEqual({ stores: [{ id: 'store-xuhui', name: '徐汇店' }] })
    expect((await s.data('ops', { action: 'stores' }, 'demo-admin')).stores.map((x: any) => x.id)).toEqual(['online', 'store-jingan', 'store-xuhui'])
    expect((await s.call('ops', { action: 'stores' }, 'demo-customer')).error.code).toBe('FORBIDDEN')
  })
})
