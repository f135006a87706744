// The executor against an in-memory environment: the first run creates everything the plan
// lists, a re-run changes nothing, and a drifted setting is put back (and only that).
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { IndexSpec } from '../../server/db/indexes'
import type { Data, DocStore } from './documents'
import { codeHash, execute, readOnly, type FunctionState, type Platform, type StepResult } from './execute'
import { ROOT, readCloudbaseRc, type FunctionConfig, type TimerTrigger } from './functions'
import { plan, type Step } from './plan'
import { STORE_ACCOUNT_SHARDS } from '../../domain/ledger'

const rc = readCloudbaseRc()
const merchant = JSON.parse(fs.readFileSync(path.join(ROOT, 'merchant.example.json'), 'utf8'))
const env: Record<string, string> = {
  ENV_ID: 'prod-1',
  TENCENTCLOUD_SECRETID: 'id',
  TENCENTCLOUD_SECRETKEY: 'key',
  WECHATPAY_MCHID: '1900000109',
  WECHATPAY_APPID: 'wx8888888888888888',
  WECHATPAY_MERCHANT_SERIAL: 'S1',
  WECHATPAY_MERCHANT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----',
  WECHATPAY_APIV3_KEY: '0123456789abcdef0123456789abcdef',
  WECHATPAY_PLATFORM_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nP\n-----END PUBLIC KEY-----',
  WECHATPAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_1',
  WECHATPAY_NOTIFY_URL: 'https://pay.example.cn/pay/notify'
}

function steps(over: Record<string, string> = {}): Step[] {
  const p = plan({ rc, env: { ...env, ...over }, envFile: '.env.production', dryRun: false }, merchant)
  if (!p.ok) throw new Error(p.problems.join('; '))
  return p.steps
}

/** An environment in memory that counts every write. */
function fakeCloud(opts: { openapi?: boolean } = {}) {
  const writes: string[] = []
  const collections = new Map<string, string[]>()
  const functions = new Map<string, FunctionState>()
  const paths: Array<{ fn: string; path: string; auth: boolean; id: string }> = []
  const openapi = new Map<string, string[]>()
  const docs = new Map<string, Map<string, Data>>()
  let rules: string | null = null
  const w = (what: string) => writes.push(what)
  const store: DocStore = {
    async list(c) {
      return [...(docs.get(c) ?? new Map()).entries()].map(([_id, d]) => ({ ...JSON.parse(JSON.stringify(d)), _id }))
    },
    async set(c, id, data) {
      w(`doc ${c}/${id}`)
      if (!docs.has(c)) docs.set(c, new Map())
      docs.get(c)?.set(id, JSON.parse(JSON.stringify(data)))
    },
    async exists(c, id) {
      return Boolean(docs.get(c)?.has(id))
    },
    async create(c, id, data) {
      if (docs.get(c)?.has(id)) return false
      w(`add ${c}/${id}`)
      if (!docs.has(c)) docs.set(c, new Map())
      docs.get(c)?.set(id, JSON.parse(JSON.stringify(data)))
      return true
    }
  }
  const platform: Platform = {
    async collectionExists(n) {
      return collections.has(n)
    },
    async createCollection(n) {
      w(`collection ${n}`)
      collections.set(n, [])
    },
    async indexNames(c) {
      return collections.get(c) ?? []
    },
    async createIndex(c, i: IndexSpec) {
      w(`index ${c}.${i.name}`)
      collections.get(c)?.push(i.name)
    },
    async functionState(n) {
      const f = functions.get(n)
      return f ? JSON.parse(JSON.stringify(f)) : null
    },
    async createFunction(fn: FunctionConfig, s) {
      w(`create ${fn.name}`)
      functions.set(fn.name, { runtime: fn.runtime, timeout: s.timeout, memorySize: s.memorySize, installDependency: s.installDependency, env: { ...s.envVariables }, description: s.description, triggers: [] })
    },
    async updateFunctionCode(fn) {
      w(`code ${fn.name}`)
    },
    async updateFunctionConfig(n, s) {
      w(`config ${n}`)
      const f = functions.get(n) as FunctionState
      Object.assign(f, { timeout: s.timeout, memorySize: s.memorySize, installDependency: s.installDependency, env: { ...s.envVariables }, description: s.description })
    },
    async createTrigger(fn, t: TimerTrigger) {
      w(`trigger ${fn}.${t.name}`)
      functions.get(fn)?.triggers.push({ name: t.name, config: t.config })
    },
    async deleteTrigger(fn, name) {
      w(`delete trigger ${fn}.${name}`)
      const f = functions.get(fn) as FunctionState
      f.triggers = f.triggers.filter((t) => t.name !== name)
    },
    async accessPaths(fn) {
      return paths.filter((p) => p.fn === fn)
    },
    async createAccessPath(fn, p) {
      w(`path ${p}`)
      paths.push({ fn, path: p, auth: false, id: `api-${paths.length}` })
    },
    async switchAccessAuthOff(id) {
      w(`auth off ${id}`)
      const p = paths.find((x) => x.id === id)
      if (p) p.auth = false
    },
    async securityRules() {
      return rules
    },
    async setSecurityRules(json) {
      w('security rules')
      rules = json
    },
    async openapi(fn) {
      return opts.openapi ? (openapi.get(fn) ?? []) : null
    },
    async setOpenapi(fn, apis) {
      w(`openapi ${fn}`)
      openapi.set(fn, apis)
    },
    docs: store
  }
  return { platform, writes, functions, paths, docs }
}

const run = (p: Platform, s: Step[], log: string[] = []) => execute(p, s, { functionRoot: path.join(ROOT, rc.functionRoot), build: () => {}, log: (l) => log.push(l) })
const outcomes = (r: StepResult[]) => r.map((x) => x.outcome)

test('a first run creates everything; a second run changes nothing and says so', async () => {
  const cloud = fakeCloud({ openapi: true })
  const first = await run(cloud.platform, steps())
  expect(cloud.writes).toContain('create payNotify')
  expect(cloud.writes).toContain('trigger cron.every5min')
  expect(cloud.writes).toContain('path /pay/notify')
  expect(cloud.writes).toContain('security rules')
  expect(cloud.writes).toContain('openapi recharge')
  expect(cloud.writes).toContain('doc settings/merchant')
  expect(cloud.writes).toContain('index orders.status_expire')
  // nothing was there before, so nothing reads as already right (nothing stale to switch off either)
  expect(first.filter((r) => r.outcome === 'unchanged').map((r) => r.step.kind)).toEqual(['switchOffRemoved'])
  expect(cloud.functions.get('cron')?.timeout).toBe(60)
  expect(cloud.functions.get('payNotify')?.env.WECHATPAY_APIV3_KEY).toBe(env.WECHATPAY_APIV3_KEY)
  // the optional, empty WECHATPAY_BASE_URL is not set at all (the code's default applies)
  expect(cloud.functions.get('payNotify')?.env).not.toHaveProperty('WECHATPAY_BASE_URL')

  const before = cloud.writes.length
  const log: string[] = []
  const second = await run(cloud.platform, steps(), log)
  expect(cloud.writes.slice(before)).toEqual([])
  expect(new Set(outcomes(second))).toEqual(new Set(['done', 'unchanged', 'by hand']))
  expect(log.filter((l) => l.startsWith('by hand'))).toHaveLength(3) // the notify URL and the two console steps
})

test("every store's accounts are opened at zero once, and an account already holding money is left as it is", async () => {
  const cloud = fakeCloud()
  const stores = ['store-xuhui', 'store-jingan', 'online']
  const shards = Array.from({ length: STORE_ACCOUNT_SHARDS }, (_, k) => k)
  const accountIds = stores.flatMap((st) => shards.flatMap((k) => [`s:${st}:fund:${k}`, `s:${st}:promo:${k}`, `s:${st}:spend:${k}`]))
  // a first credit got there before the deploy (settle.ts creates a missing shard)
  cloud.docs.set('accounts', new Map([['s:online:fund:3', { kind: 'store_fund', owner: 'online', balance: -30000 }]]))
  const first = await run(cloud.platform, steps())
  expect(cloud.writes.filter((x) => x.startsWith('add accounts/')).sort()).toEqual(accountIds.filter((id) => id !== 's:online:fund:3').map((id) => `add accounts/${id}`).sort())
  expect([...(cloud.docs.get('accounts')?.keys() ?? [])].sort()).toEqual([...accountIds].sort())
  expect(cloud.docs.get('accounts')?.get('s:online:fund:3')).toEqual({ kind: 'store_fund', owner: 'online', balance: -30000 })
  expect(cloud.docs.get('accounts')?.get('s:store-xuhui:promo:7')).toMatchObject({ kind: 'store_promo', owner: 'store-xuhui', balance: 0 })
  expect(cloud.docs.get('accounts')?.get('s:store-xuhui:spend:7')).toMatchObject({ kind: 'store_spend', owner: 'store-xuhui', revenue: 0, bonusRedeemed: 0 })
  const each = 3 * STORE_ACCOUNT_SHARDS // fund, promotion and spend documents per shard
  expect(first.filter((r) => r.step.kind === 'storeAccounts').map((r) => [r.outcome, r.detail])).toEqual([
    ['created', `${each} opened`],
    ['created', `${each} opened`],
    ['created', `${each - 1} opened`]
  ])

  const before = cloud.writes.length
  const again = await run(cloud.platform, steps())
  expect(cloud.writes.slice(before)).toEqual([])
  expect(again.filter((r) => r.step.kind === 'storeAccounts').map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged'])
})

test('drift is put back and only drift: a changed variable, a changed timer, a path with 身份认证 on', async () => {
  const cloud = fakeCloud({ openapi: true })
  await run(cloud.platform, steps())
  ;(cloud.functions.get('cron') as FunctionState).triggers[0].config = '0 0 * * * * *'
  cloud.paths[0].auth = true
  const before = cloud.writes.length
  await run(cloud.platform, steps({ WECHATPAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_2' }))
  expect(cloud.writes.slice(before)).toEqual([
    'config recharge',
    'config payNotify',
    'config cron',
    'config ops',
    'config refund',
    'delete trigger cron.every5min',
    'trigger cron.every5min',
    'auth off api-0'
  ])
  expect(cloud.functions.get('ops')?.env.WECHATPAY_PLATFORM_PUBLIC_KEY_ID).toBe('PUB_KEY_ID_2')
})

test('new code is uploaded when the bundle changes, and not otherwise', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-code-'))
  try {
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.main = async () => 1\n')
    fs.writeFileSync(path.join(dir, 'main.ts'), '// source, not uploaded')
    const a = codeHash(dir, ['main.ts'])
    fs.writeFileSync(path.join(dir, 'main.ts'), '// edited source')
    expect(codeHash(dir, ['main.ts'])).toBe(a)
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.main = async () => 2\n')
    expect(codeHash(dir, ['main.ts'])).not.toBe(a)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const cloud = fakeCloud()
  await run(cloud.platform, steps())
  ;(cloud.functions.get('wallet') as FunctionState).description = 'chuzhi code 0000000000000000'
  const before = cloud.writes.length
  await run(cloud.platform, steps())
  expect(cloud.writes.slice(before)).toEqual(['code wallet', 'config wallet'])
})

test('a function created on another runtime (DevTools, or the CLI without config) is refused with what to do', async () => {
  const cloud = fakeCloud()
  await run(cloud.platform, steps())
  ;(cloud.functions.get('recharge') as FunctionState).runtime = 'Nodejs8.9'
  await expect(run(cloud.platform, steps())).rejects.toThrow(/recharge runs Nodejs8.9 but cloudbaserc.json says Nodejs16.13; .*delete recharge in the console/)
})

test('without an AppSecret the 云调用 permissions are left to DevTools and said so', async () => {
  const cloud = fakeCloud({ openapi: false })
  const log: string[] = []
  await run(cloud.platform, steps(), log)
  expect(cloud.writes.filter((x) => x.startsWith('openapi'))).toEqual([])
  expect(log).toContain(
    'by hand   云调用 permissions for cron: wxa.sec.order.uploadShippingInfo (set WX_APPSECRET to apply it, or upload cloudfunctions/cron once from WeChat DevTools (it reads config.json))'
  )
})

test('--diff reports what a deploy would change and writes nothing', async () => {
  const cloud = fakeCloud({ openapi: true })
  const empty = await run(readOnly(cloud.platform), steps())
  expect(cloud.writes).toEqual([])
  expect(empty.filter((r) => r.step.kind === 'function').map((r) => r.outcome)).toEqual(['created', 'created', 'created', 'created', 'created', 'created', 'created', 'created'])
  await run(cloud.platform, steps())
  const before = cloud.writes.length
  const drift = await run(readOnly(cloud.platform), steps({ WECHATPAY_MCHID: '1900000110' }))
  expect(cloud.writes.length).toBe(before)
  expect(drift.filter((r) => r.outcome === 'updated').map((r) => describeKind(r.step))).toEqual(['function recharge', 'function payNotify', 'function cron', 'function ops', 'function refund'])
})

function describeKind(s: Step): string {
  return s.kind === 'function' ? `function ${s.name}` : s.kind
}
