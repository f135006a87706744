import dns from 'dns'
import net from 'net'
import { cloud, openCloud, rejection } from './test-kit'

let t: ReturnType<typeof openCloud>
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

beforeEach(() => {
  t = openCloud()
})
afterEach(() => t.local.close())

describe('getWXContext per invocation', () => {
  it('50 concurrent invokes of two users each see their own OPENID', async () => {
    t.local.register('whoami', async (event: { n: number }) => {
      const before = cloud.getWXContext().OPENID
      await t.db.collection('members').add({ data: { n: event.n, openid: before } })
      await sleep(Math.random() * 10)
      return { n: event.n, before, after: cloud.getWXContext().OPENID }
    })
    const users = ['oUser1', 'oUser2']
    const out = await Promise.all(Array.from({ length: 50 }, (_x, n) => t.local.invoke('whoami', { n }, { openid: users[n % 2], appid: 'wxapp' })))
    for (const r of out) {
      expect(r.before).toBe(users[r.n % 2])
      expect(r.after).toBe(users[r.n % 2])
    }
    expect((await t.db.collection('members').where({ openid: 'oUser2' }).count()).total).toBe(25)
  })

  it('reports APPID, UNIONID, CLIENTIP, ENV and SOURCE; none of it leaks outside an invoke', async () => {
    t.local.register('ctx', () => cloud.getWXContext())
    expect(await t.local.invoke('ctx', {}, { openid: 'o1', appid: 'wxapp', unionid: 'un1', clientIp: '10.0.0.1' })).toEqual({
      OPENID: 'o1',
      APPID: 'wxapp',
      UNIONID: 'un1',
      CLIENTIP: '10.0.0.1',
      ENV: 'local',
      SOURCE: 'wx_client'
    })
    expect(await t.local.invoke('ctx', {}, { source: 'wx_http' })).toEqual({ ENV: 'local', SOURCE: 'wx_http' })
    expect(cloud.getWXContext().OPENID).toBeUndefined()
  })
})

describe('invoke', () => {
  it('passes event and result through JSON and adds userInfo for mini-program callers', async () => {
    t.local.register('echo', (event: any, context: any) => ({ event, at: new Date(Date.UTC(2026, 0, 1)), fn: context.function_name, gone: undefined }))
    const out = await t.local.invoke('echo', { when: new Date(Date.UTC(2025, 0, 1)), skip: undefined }, { openid: 'o1', appid: 'wxapp' })
    expect(out).toEqual({
      event: { when: '2025-01-01T00:00:00.000Z', userInfo: { appId: 'wxapp', openId: 'o1' } },
      at: '2026-01-01T00:00:00.000Z',
      fn: 'echo'
    })
  })

  it('rejects with what the function threw', async () => {
    const boom = new Error('boom')
    t.local.register('bad', async () => {
      throw boom
    })
    await expect(t.local.invoke('bad', {})).rejects.toBe(boom)
    await expect(t.local.invoke('missing', {})).rejects.toThrow(/function missing does not exist/)
  })
})

describe('cloud.callFunction inside a function', () => {
  it('routes to the local registry with the caller’s context and answers like the SDK', async () => {
    t.local.register('inner', (event: any) => ({ got: event.x, ctx: cloud.getWXContext() }))
    t.local.register('outer', async () => cloud.callFunction({ name: 'inner', data: { x: 1 } }))
    const res = await t.local.invoke('outer', {}, { openid: 'o9', appid: 'wxapp' })
    expect(res).toEqual({
      result: { got: 1, ctx: { OPENID: 'o9', APPID: 'wxapp', ENV: 'local', SOURCE: 'wx_client,scf' } },
      errMsg: 'callFunction:ok',
      requestID: expect.stringMatching(/^[0-9a-f]{16}$/)
    })
  })

  it('a failing callee surfaces as -504002 functions execute fail', async () => {
    t.local.register('inner', () => {
      throw new TypeError('bad input')
    })
    t.local.register('outer', async () => rejection(cloud.callFunction({ name: 'inner', data: {} }) as Promise<unknown>).then((e) => ({ errCode: e.errCode, errMsg: e.errMsg })))
    const res = await t.local.invoke('outer', {})
    expect(res.errCode).toBe(-504002)
    expect(res.errMsg).toMatch(/^callFunction:fail -504002 functions execute fail\. requestID \w+, TypeError: bad input/)
  })
})

describe('cloud.openapi', () => {
  it('records each call with WeChat’s request body and answers with the handler (default: ok)', async () => {
    t.local.register('link', () => (cloud.openapi as any).urllink.generate({ path: 'pages/index', isExpire: true }))
    expect(await t.local.invoke('link', {})).toEqual({ errCode: 0, errMsg: 'openapi.urllink.generate:ok' })
    expect(t.local.openapiCalls).toEqual([{ api: 'urllink.generate', data: { path: 'pages/index', is_expire: true }, at: expect.any(Date) }])

    t.local.setOpenapiHandler((api) => ({ errcode: 0, errmsg: 'ok', url_link: `https://wxaurl.cn/${api}` }))
    expect(await t.local.invoke('link', {})).toEqual({ urlLink: 'https://wxaurl.cn/urllink.generate', errCode: 0, errMsg: 'openapi.urllink.generate:ok' })
  })

  it('convertCase: false sends keys as given (the shipping upload style)', async () => {
    t.local.register('ship', () => (cloud.openapi as any)({ convertCase: false }).wxa.sec.order.uploadShippingInfo({ order_key: { order_number_type: 2 } }))
    await t.local.invoke('ship', {})
    expect(t.local.openapiCalls[0]).toMatchObject({ api: 'wxa.sec.order.uploadShippingInfo', data: { order_key: { order_number_type: 2 } } })
  })

  it('the handler can make calls fail: a WeChat errcode, or a thrown error', async () => {
    t.local.register('link', () => (cloud.openapi as any).urllink.generate({}))
    t.local.setOpenapiHandler(() => ({ errcode: 40001, errmsg: 'invalid credential' }))
    const wxErr = await rejection(t.local.invoke('link', {}))
    expect(wxErr.errCode).toBe(40001)
    expect(wxErr.errMsg).toBe('openapi.urllink.generate:fail invalid credential')
    t.local.setOpenapiHandler(() => {
      throw new Error('system busy')
    })
    const thrown = await rejection(t.local.invoke('link', {}))
    expect(thrown.errMsg).toMatch(/openapi\.urllink\.generate:fail .*system busy/)
  })
})

describe('isolation from the real cloud', () => {
  it('init without credentials, then DB, functions, open API, storage and an API not emulated: no network, no unhandled rejection', async () => {
    const connect = jest.spyOn(net.Socket.prototype, 'connect')
    const lookup = jest.spyOn(dns, 'lookup')
    const rejections: unknown[] = []
    const onRejection = (r: unknown) => rejections.push(r)
    process.on('unhandledRejection', onRejection)
    try {
      t.local.register('noop', () => 'ok')
      t.local.register('all', async () => {
        cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
        await t.db.collection('settings').doc('x').set({ data: { a: 1 } })
        await cloud.callFunction({ name: 'noop' })
        await (cloud.openapi as any).subscribeMessage.send({ touser: 'o' })
        await cloud.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('a') })
        const storage = await rejection(cloud.deleteFile({ fileList: ['cloud://local.chuzhi-local/a.txt'] }) as Promise<unknown>)
        return storage.errMsg ?? storage.message
      })
      expect(await t.local.invoke('all', {}, { openid: 'o' })).toMatch(/not emulated and the network is off/)
      await sleep(50)
      expect(rejections).toEqual([])
      expect(connect).not.toHaveBeenCalled()
      expect(lookup).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', onRejection)
      connect.mockRestore()
      lookup.mockRestore()
    }
  })
})
