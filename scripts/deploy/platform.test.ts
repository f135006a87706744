// The adapter's calls on manager-node, node-sdk and WeChat's API, with recording fakes: the
// argument shapes are the ones the libraries' sources and the platform docs give (docs/deploy.md).
import type { FunctionConfig } from './functions'
import { cloudbasePlatform, type PlatformClients } from './platform'

function recorder() {
  const calls: Array<[string, unknown[]]> = []
  const replies: Record<string, (...args: any[]) => unknown> = {}
  const node = (prefix: string): any =>
    new Proxy(
      {},
      {
        get: (_t, key: string) => {
          const name = `${prefix}${key}`
          return async (...args: unknown[]) => {
            calls.push([name, args])
            return replies[name] ? replies[name](...args) : {}
          }
        }
      }
    )
  const app = { database: node('database.'), functions: node('functions.'), access: node('access.'), permission: node('permission.') }
  const sets: Array<[string, string, unknown]> = []
  const adds: Array<[string, unknown]> = []
  const sdk = {
    database: () => ({
      collection: (c: string) => ({
        limit: () => ({ get: async () => ({ data: [{ _id: 'p1', active: true }] }) }),
        doc: (id: string) => ({
          set: async (data: unknown) => {
            sets.push([c, id, data])
            return {}
          },
          // node-sdk outside a transaction: a list, empty when the document is missing
          get: async () => ({ data: id === 'taken' ? [{ _id: id }] : [] })
        }),
        // node-sdk answers errors rather than throwing them
        add: async (data: { _id: string }) => {
          adds.push([c, data])
          if (data._id === 'taken') return { code: 'DATABASE_REQUEST_FAILED', message: 'E11000 duplicate key error collection: accounts' }
          if (data._id === 'broken') return { code: 'DATABASE_PERMISSION_DENIED', message: 'no' }
          return { id: data._id }
        }
      })
    })
  }
  const requests: Array<[string, unknown]> = []
  const fetchFake = (async (url: string, init: { body: string }) => {
    requests.push([url.replace(/access_token=[^&]+/, 'access_token=T'), JSON.parse(init.body)])
    const body = url.includes('stable_token')
      ? { access_token: 'tok', expires_in: 7200 }
      : url.includes('getfuncconfig')
        ? { errcode: 0, errmsg: 'ok', config: '{"permissions":{"openapi":["wxa.sec.order.uploadShippingInfo"]}}' }
        : { errcode: 0, errmsg: 'ok' }
    return { json: async () => body }
  }) as unknown as typeof fetch
  return { calls, replies, sets, adds, requests, clients: { app, sdk, fetch: fetchFake } as PlatformClients }
}

const options = { envId: 'prod-1', secretId: 'id', secretKey: 'key', functionRoot: '/repo/cloudfunctions' }
const fn: FunctionConfig = {
  name: 'payNotify',
  runtime: 'Nodejs16.13',
  handler: 'index.main',
  timeout: 20,
  memorySize: 256,
  installDependency: true,
  ignore: ['main.ts'],
  envVariables: { WECHATPAY_MCHID: '{{env.WECHATPAY_MCHID}}' }
}

test('indexes are created with manager-node’s CreateIndexes shape; existing ones are read by name', async () => {
  const r = recorder()
  r.replies['database.describeCollection'] = () => ({ Indexes: [{ Name: '_id_' }, { Name: 'status_expire' }] })
  const p = cloudbasePlatform(options, r.clients)
  expect(await p.indexNames('orders')).toEqual(['_id_', 'status_expire'])
  await p.createIndex('journal', { name: 'member_time', fields: [['memberId', 1], ['createdAt', -1]] })
  expect(r.calls.at(-1)).toEqual([
    'database.updateCollection',
    ['journal', { CreateIndexes: [{ IndexName: 'member_time', MgoKeySchema: { MgoIndexKeys: [{ Name: 'memberId', Direction: '1' }, { Name: 'createdAt', Direction: '-1' }], MgoIsUnique: false } }] }]
  ])
})

test('a function is read from GetFunction’s shape; a missing one reads as null, other errors are thrown', async () => {
  const r = recorder()
  r.replies['functions.getFunctionDetail'] = () => ({
    Runtime: 'Nodejs16.13',
    Timeout: 20,
    MemorySize: 256,
    InstallDependency: 'TRUE',
    Description: 'chuzhi code abc',
    Environment: { Variables: [{ Key: 'WECHATPAY_MCHID', Value: '1900000109' }] },
    Triggers: [{ TriggerName: 'every5min', TriggerDesc: '0 */5 * * * * *', Type: 'timer' }]
  })
  const p = cloudbasePlatform(options, r.clients)
  expect(await p.functionState('cron')).toEqual({
    runtime: 'Nodejs16.13',
    timeout: 20,
    memorySize: 256,
    installDependency: true,
    env: { WECHATPAY_MCHID: '1900000109' },
    description: 'chuzhi code abc',
    triggers: [{ name: 'every5min', config: '0 */5 * * * * *' }]
  })
  r.replies['functions.getFunctionDetail'] = () => Promise.reject(Object.assign(new Error('函数不存在'), { code: 'ResourceNotFound.FunctionName' }))
  expect(await p.functionState('cron')).toBeNull()
  r.replies['functions.getFunctionDetail'] = () => Promise.reject(Object.assign(new Error('denied'), { code: 'AuthFailure' }))
  await expect(p.functionState('cron')).rejects.toThrow('denied')
})

test('create passes the settings and the code root, never triggers or the path (those are their own steps)', async () => {
  const r = recorder()
  const p = cloudbasePlatform(options, r.clients)
  await p.createFunction({ ...fn, path: '/pay/notify' }, { timeout: 20, memorySize: 256, installDependency: true, envVariables: { WECHATPAY_MCHID: '1900000109' }, description: 'chuzhi code abc' })
  expect(r.calls[0]).toEqual([
    'functions.createFunction',
    [
      {
        func: {
          name: 'payNotify',
          runtime: 'Nodejs16.13',
          handler: 'index.main',
          ignore: ['main.ts'],
          timeout: 20,
          memorySize: 256,
          installDependency: true,
          envVariables: { WECHATPAY_MCHID: '1900000109' },
          description: 'chuzhi code abc'
        },
        functionRootPath: '/repo/cloudfunctions',
        force: false
      }
    ]
  ])
})

test('the HTTP path is created as a function route with 身份认证 off, and switched off when found on', async () => {
  const r = recorder()
  r.replies['access.getAccessList'] = () => ({ APISet: [{ Path: '/pay/notify', EnableAuth: true, APIId: 'api-1', Name: 'payNotify' }, { Path: '/x', EnableAuth: false, APIId: 'api-2', Name: 'other' }] })
  const p = cloudbasePlatform(options, r.clients)
  expect(await p.accessPaths('payNotify')).toEqual([{ path: '/pay/notify', auth: true, id: 'api-1' }])
  await p.createAccessPath('payNotify', '/pay/notify')
  await p.switchAccessAuthOff('api-1')
  expect(r.calls.slice(1)).toEqual([
    ['access.createAccess', [{ name: 'payNotify', path: '/pay/notify', type: 1, auth: false }]],
    ['access.switchPathAuth', [{ apiIds: ['api-1'], auth: false }]]
  ])
})

test('security rules are written as a CUSTOM function permission with the JSON text', async () => {
  const r = recorder()
  r.replies['permission.describeResourcePermission'] = () => ({ Data: { PermissionList: [{ SecurityRule: '{"*":{"invoke":"auth != null"}}' }] } })
  const p = cloudbasePlatform(options, r.clients)
  expect(await p.securityRules()).toBe('{"*":{"invoke":"auth != null"}}')
  await p.setSecurityRules('{"*":{"invoke":"auth != null"},"cron":{"invoke":false}}')
  expect(r.calls.at(-1)).toEqual([
    'permission.modifyResourcePermission',
    [{ resourceType: 'function', permission: 'CUSTOM', securityRule: '{"*":{"invoke":"auth != null"},"cron":{"invoke":false}}' }]
  ])
})

test('云调用 permissions go through getfuncconfig/uploadfuncconfig type 1, only with an AppSecret', async () => {
  const r = recorder()
  expect(await cloudbasePlatform(options, r.clients).openapi('cron')).toBeNull()
  expect(r.requests).toEqual([])
  const p = cloudbasePlatform({ ...options, appid: 'wx0123456789abcdef', appSecret: 's3cret' }, r.clients)
  expect(await p.openapi('cron')).toEqual(['wxa.sec.order.uploadShippingInfo'])
  await p.setOpenapi('ops', ['wxa.sec.order.uploadShippingInfo'])
  expect(r.requests).toEqual([
    ['https://api.weixin.qq.com/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wx0123456789abcdef', secret: 's3cret' }],
    ['https://api.weixin.qq.com/tcb/getfuncconfig?access_token=T', { type: 1, env: 'prod-1', function_name: 'cron' }],
    ['https://api.weixin.qq.com/tcb/uploadfuncconfig?access_token=T', { type: 1, env: 'prod-1', function_name: 'ops', config: '{"permissions":{"openapi":["wxa.sec.order.uploadShippingInfo"]}}' }]
  ])
})

test('documents are read and written with node-sdk’s shapes (set takes the document itself; create never overwrites, and a duplicate _id is an answer, not a throw)', async () => {
  const r = recorder()
  const p = cloudbasePlatform(options, r.clients)
  expect(await p.docs.list('plans')).toEqual([{ _id: 'p1', active: true }])
  await p.docs.set('plans', 'p1', { active: false })
  expect(r.sets).toEqual([['plans', 'p1', { active: false }]])
  expect(await p.docs.exists('accounts', 'taken')).toBe(true)
  expect(await p.docs.exists('accounts', 'free')).toBe(false)
  expect(await p.docs.create('accounts', 'free', { balance: 0 })).toBe(true)
  expect(await p.docs.create('accounts', 'taken', { balance: 0 })).toBe(false)
  await expect(p.docs.create('accounts', 'broken', { balance: 0 })).rejects.toThrow('accounts/broken: DATABASE_PERMISSION_DENIED no')
  expect(r.adds).toEqual([
    ['accounts', { balance: 0, _id: 'free' }],
    ['accounts', { balance: 0, _id: 'taken' }],
    ['accounts', { balance: 0, _id: 'broken' }]
  ])
})
