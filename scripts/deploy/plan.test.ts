// The deployment as data: what `npm run deploy` would do for a sample merchant.json, and that a
// bad merchant.json (or env file) is refused with every problem named.
import fs from 'fs'
import path from 'path'
import { INDEXES } from '../../server/db/indexes'
import { readCloudbaseRc, ROOT } from './functions'
import { MIN_RUNTIME } from '../cloudbaserc'
import { CONSOLE_STEPS, describeStep, plan, type DeployConfig, type Step } from './plan'
import { STORE_ACCOUNT_SHARDS } from '../../domain/ledger'

const rc = readCloudbaseRc()
const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'merchant.example.json'), 'utf8'))
const clone = () => JSON.parse(JSON.stringify(sample))

const PEM = '-----BEGIN PRIVATE KEY-----\nSECRET-PEM-BODY\n-----END PRIVATE KEY-----'
const env: Record<string, string> = {
  ENV_ID: 'prod-1a2b3c',
  TENCENTCLOUD_SECRETID: 'AKIDsecret-id-value',
  TENCENTCLOUD_SECRETKEY: 'secret-key-value',
  WECHATPAY_MCHID: '1900000109',
  WECHATPAY_APPID: 'wx8888888888888888',
  WECHATPAY_MERCHANT_SERIAL: 'SERIAL-SECRET-1',
  WECHATPAY_MERCHANT_PRIVATE_KEY: PEM,
  WECHATPAY_APIV3_KEY: 'APIV3-SECRET-0123456789abcdefghi',
  WECHATPAY_PLATFORM_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nPUB\n-----END PUBLIC KEY-----',
  WECHATPAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_0123',
  WECHATPAY_NOTIFY_URL: 'https://pay.example.cn/pay/notify'
}
const config = (over: Partial<DeployConfig> = {}): DeployConfig => ({ rc, env, envFile: '.env.production', dryRun: false, ...over })

function steps(p: ReturnType<typeof plan>): Step[] {
  if (!p.ok) throw new Error(`refused: ${p.problems.join('; ')}`)
  return p.steps
}
const of = <K extends Step['kind']>(all: Step[], kind: K) => all.filter((s): s is Extract<Step, { kind: K }> => s.kind === kind)

test('the sample merchant: every collection and index, then every function with its runtime, timeout and variables', () => {
  const all = steps(plan(config(), sample))
  expect(all[0]).toEqual({ kind: 'build', functions: ['wallet', 'recharge', 'payNotify', 'cron', 'ops', 'checkout', 'family', 'refund'] })
  expect(of(all, 'collection').map((s) => s.name)).toEqual(Object.keys(INDEXES))
  expect(of(all, 'index').map((s) => `${s.collection}.${s.index.name}`)).toEqual(
    Object.entries(INDEXES).flatMap(([c, list]) => list.map((i) => `${c}.${i.name}`))
  )
  const fns = Object.fromEntries(of(all, 'function').map((s) => [s.name, s]))
  expect(Object.keys(fns)).toEqual(['wallet', 'recharge', 'payNotify', 'cron', 'ops', 'checkout', 'family', 'refund'])
  for (const f of Object.values(fns)) expect(f.fn.runtime).toBe('Nodejs16.13')
  expect(fns.recharge.fn.timeout).toBe(20)
  expect(fns.checkout.fn.timeout).toBe(20)
  expect(fns.family.fn.timeout).toBe(10)
  expect(fns.refund.fn.timeout).toBe(20)
  expect(fns.payNotify.fn.timeout).toBe(20)
  expect(fns.cron.fn.timeout).toBe(60)
  // the env file's values reach the functions; the optional base URL stays empty (the code's default)
  expect(fns.recharge.variables.WECHATPAY_MERCHANT_PRIVATE_KEY).toBe(PEM)
  expect(fns.recharge.variables.WECHATPAY_BASE_URL).toBe('')
  expect(fns.wallet.variables).toEqual({})
  // collections before functions (a function may run as soon as it exists)
  expect(all.findIndex((s) => s.kind === 'function')).toBeGreaterThan(all.map((s) => s.kind).lastIndexOf('index'))
})

test('the sample merchant: trigger, HTTP path, 云调用 permissions, security rules, notify URL and console steps', () => {
  const all = steps(plan(config(), sample))
  expect(of(all, 'trigger')).toEqual([
    { kind: 'trigger', function: 'cron', trigger: { name: 'every5min', type: 'timer', config: '0 */5 * * * * *' } },
    { kind: 'trigger', function: 'cron', trigger: { name: 'recon', type: 'timer', config: '0 */10 10-13 * * * *' } }
  ])
  expect(of(all, 'httpPath')).toEqual([{ kind: 'httpPath', function: 'payNotify', path: '/pay/notify' }])
  expect(of(all, 'openapi').map((s) => s.function)).toEqual(['wallet', 'recharge', 'payNotify', 'cron', 'ops'])
  expect(of(all, 'openapi').find((s) => s.function === 'ops')).toMatchObject({ apis: ['wxa.sec.order.uploadShippingInfo', 'wxacode.getUnlimited'] })
  expect(of(all, 'securityRules')).toEqual([
    { kind: 'securityRules', rules: { '*': { invoke: 'auth != null' }, payNotify: { invoke: false }, cron: { invoke: false } } }
  ])
  expect(of(all, 'notifyUrl')).toEqual([{ kind: 'notifyUrl', url: 'https://pay.example.cn/pay/notify' }])
  expect(of(all, 'console').map((s) => s.what)).toEqual(CONSOLE_STEPS)
})

test("the sample merchant's documents: settings, stores, plans, campaigns and staff, then stale offers switched off", () => {
  const all = steps(plan(config(), sample))
  expect(of(all, 'document').map((s) => `${s.doc.collection}/${s.doc.id}`)).toEqual([
    'settings/merchant',
    'stores/store-xuhui',
    'stores/store-jingan',
    'stores/online',
    'plans/p300',
    'plans/p1000',
    'campaigns/c-newmember',
    'campaigns/c-guoqing-2026',
    'staff/demo-cashier',
    'staff/demo-manager',
    'staff/demo-admin'
  ])
  const settings = of(all, 'document')[0].doc.data
  expect(settings).toEqual({ name: sample.name, offers: sample.offers, agreement: sample.agreement, orderTtlMinutes: 30, tiers: sample.tiers, couponTemplates: sample.couponTemplates, points: sample.points })
  expect(of(all, 'switchOffRemoved')).toHaveLength(1)
})

test("every store's accounts are opened after the documents, the online store's too, with the shards crediting posts to", () => {
  const all = steps(plan(config(), sample))
  expect(of(all, 'storeAccounts')).toEqual(
    ['store-xuhui', 'store-jingan', 'online'].map((storeId) => ({ kind: 'storeAccounts', storeId, shards: STORE_ACCOUNT_SHARDS }))
  )
  expect(all.findIndex((s) => s.kind === 'storeAccounts')).toBeGreaterThan(all.findIndex((s) => s.kind === 'switchOffRemoved'))
  // a merchant.json without the online store still gets its accounts: online recharges post there
  const noOnline = clone()
  noOnline.stores = noOnline.stores.filter((st: { id: string }) => st.id !== 'online')
  expect(of(steps(plan(config(), noOnline)), 'storeAccounts').map((s) => s.storeId)).toEqual(['store-xuhui', 'store-jingan', 'online'])

  // the functions' own CHUZHI_STORE_ACCOUNT_SHARDS decides, and a value they would refuse is refused here
  const sharded = { ...rc, functions: rc.functions.map((f) => (f.name === 'recharge' ? { ...f, envVariables: { ...f.envVariables, CHUZHI_STORE_ACCOUNT_SHARDS: '{{env.SHARDS}}' } } : f)) }
  expect(of(steps(plan(config({ rc: sharded, env: { ...env, SHARDS: '64' } }), sample)), 'storeAccounts')[0].shards).toBe(64)
  const bad = plan(config({ rc: sharded, env: { ...env, SHARDS: 'eight' } }), sample)
  expect(bad.ok ? [] : bad.problems).toEqual(['recharge: CHUZHI_STORE_ACCOUNT_SHARDS must be an integer from 1 to 1000, not eight'])
})

test('a function whose runtime is older than our bundles load on (or left to the platform default) is refused', () => {
  const withRuntime = (runtime: string | undefined) => ({ ...rc, functions: rc.functions.map((f) => (f.name === 'recharge' ? { ...f, runtime: runtime as string } : f)) })
  const old = plan(config({ rc: withRuntime('Nodejs12.16') }), sample)
  expect(old.ok ? [] : old.problems).toEqual([`recharge: runtime Nodejs12.16 is older than ${MIN_RUNTIME}, the oldest our bundles load on`])
  // CloudBase deploys a function without a runtime on its default, Nodejs10.15
  const unset = plan(config({ rc: withRuntime(undefined) }), sample)
  expect(unset.ok ? [] : unset.problems).toEqual([`recharge: runtime Nodejs10.15 is older than ${MIN_RUNTIME}, the oldest our bundles load on`])
  // even a dry run: nothing in the environment makes an old runtime load the bundle
  expect(plan(config({ rc: withRuntime('Nodejs12.16'), dryRun: true }), sample).ok).toBe(false)
  // the minimum itself and newer ones deploy
  for (const ok of [MIN_RUNTIME, 'Nodejs18.15']) expect(plan(config({ rc: withRuntime(ok) }), sample).ok).toBe(true)
})

test('a bad merchant.json is refused with every problem named, across documents and layers', () => {
  const bad = clone()
  bad.agreement.text += '\n本卡一经售出概不退款。'
  bad.offers.cap = 0
  bad.stores.push({ id: 'store-xuhui', name: '徐汇店（重复）' })
  bad.plans[0].pay = -100
  bad.plans[1].bouns = 100 // a typo must not be ignored
  bad.plans.push({ ...bad.plans[0], id: 'p-free', pay: 3.5, stores: ['store-nowhere'] })
  bad.campaigns[0].scope.plans = ['p300', 'p-missing']
  bad.staff[0].stores = ['store-gone']
  bad.orderTtlMinutes = 1
  const p = plan(config(), bad)
  expect(p.ok).toBe(false)
  if (p.ok) return
  const expected = [
    'merchant.json: orderTtlMinutes: Number must be greater than or equal to 5',
    'merchant.json: agreement: agreement contains void clauses: 一经售出、概不退款',
    'merchant.json: offers: cap must be positive fen',
    'merchant.json: stores: id store-xuhui is used twice',
    'merchant.json: plans[0] p300: pay must be a positive integer of fen',
    "merchant.json: plans[1]: Unrecognized key(s) in object: 'bouns'",
    'merchant.json: plans[2].pay: Expected integer, received float',
    'merchant.json: campaigns[0] c-newmember: plan p-missing is not in plans',
    'merchant.json: staff[0] 收银员 小周: store store-gone is not in stores'
  ]
  for (const e of expected) expect(p.problems).toContain(e)
  // a top-level problem hides nothing below it, and nothing else is reported
  expect(p.problems).toHaveLength(expected.length)
})

test('tier terms, coupon templates and points are checked with the domain validators', () => {
  const bad = clone()
  bad.tiers.versions[0].tiers[1].threshold = 20_000 // below 银卡's
  bad.tiers.versions[0].tiers[2].payPermille = 50 // 0.5折: a typo
  bad.tiers.current = '2099-01-01'
  bad.couponTemplates[0].off = 0
  bad.couponTemplates[0].stores = ['store-gone']
  bad.plans[1].gifts[0].templateId = 'tpl-missing'
  bad.points.perYuan = 1.5
  const p = plan(config(), bad)
  expect(p.ok ? [] : p.problems).toEqual([
    'merchant.json: tiers: current version 2099-01-01 is not in versions',
    "merchant.json: tiers.versions[0] 2026-11-01: tier 金卡: threshold must be above 银卡's",
    'merchant.json: tiers.versions[0] 2026-11-01: tier 黑金: payPermille must be an integer 500..1000',
    'merchant.json: couponTemplates[0] tpl-drink: off must be positive fen',
    'merchant.json: couponTemplates[0] tpl-drink: store store-gone is not in stores',
    'merchant.json: plans p1000: coupon template tpl-missing is not in couponTemplates',
    'merchant.json: points.perYuan: Expected integer, received float'
  ])
})

test('the plan of a merchant whose plan names an unknown store says so', () => {
  const bad = clone()
  bad.plans[0].stores = ['store-nowhere']
  const p = plan(config(), bad)
  expect(p.ok ? [] : p.problems).toEqual(['merchant.json: plans[0] p300: store store-nowhere is not in stores'])
})

test('a real run refuses a missing variable or credential; a dry run only warns', () => {
  const partial = { ...env }
  delete partial.WECHATPAY_APIV3_KEY
  delete partial.TENCENTCLOUD_SECRETKEY
  delete partial.WECHATPAY_BASE_URL // optional: never reported
  const real = plan(config({ env: partial }), sample)
  // the pay variables are judged by the functions' own reader (payConfigFromEnv)
  expect(real.ok ? [] : real.problems).toEqual([
    '.env.production: missing TENCENTCLOUD_SECRETKEY',
    '.env.production: WeChat Pay is not configured: missing WECHATPAY_APIV3_KEY'
  ])
  const short = plan(config({ env: { ...env, WECHATPAY_APIV3_KEY: 'too-short' } }), sample)
  expect(short.ok ? [] : short.problems).toEqual(['.env.production: WeChat Pay APIv3 key must be exactly 32 bytes (WECHATPAY_APIV3_KEY)'])
  const dry = plan(config({ env: {}, dryRun: true }), sample)
  expect(dry.ok).toBe(true)
  if (!dry.ok) return
  expect(dry.envId).toBe('<ENV_ID>')
  expect(dry.warnings[0]).toMatch(/^\.env\.production: missing ENV_ID, TENCENTCLOUD_SECRETID/)
  expect(of(dry.steps, 'notifyUrl')[0].url).toBe('https://<your custom domain>/pay/notify')
})

test("the notify URL must be https and end in payNotify's HTTP path", () => {
  const wrong = plan(config({ env: { ...env, WECHATPAY_NOTIFY_URL: 'http://pay.example.cn/notify' } }), sample)
  expect(wrong.ok ? [] : wrong.problems).toEqual([
    'WECHATPAY_NOTIFY_URL must be https (WeChat Pay refuses other notify URLs)',
    "WECHATPAY_NOTIFY_URL must end in payNotify's HTTP path /pay/notify, not /notify"
  ])
  const test = plan(config({ env: { ...env, WECHATPAY_NOTIFY_URL: 'https://prod-1a2b3c-123.ap-shanghai.app.tcloudbase.com/pay/notify' } }), sample)
  expect(test.ok && test.warnings).toEqual(['WECHATPAY_NOTIFY_URL uses the default CloudBase domain: bind a custom domain with 备案 for production'])
})

test('WXACODE_ENV_VERSION may be empty (release) or name a mini-program version, nothing else', () => {
  expect(plan(config(), sample).ok).toBe(true)
  expect(plan(config({ env: { ...env, WXACODE_ENV_VERSION: 'trial' } }), sample).ok).toBe(true)
  const wrong = plan(config({ env: { ...env, WXACODE_ENV_VERSION: 'beta' } }), sample)
  expect(wrong.ok ? [] : wrong.problems).toEqual(['.env.production: WXACODE_ENV_VERSION must be one of release, trial, develop (or empty: release)'])
})

test('a function whose variables exceed the 4 KB SCF allows is refused (a PEM key is about 1.7 KB)', () => {
  const big = plan(config({ env: { ...env, WECHATPAY_MERCHANT_PRIVATE_KEY: `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(4000)}\n-----END PRIVATE KEY-----` } }), sample)
  expect(big.ok ? [] : big.problems).toEqual(
    ['recharge', 'payNotify', 'cron', 'ops', 'refund'].map((f) => expect.stringMatching(new RegExp(`^${f}: its environment variables take \\d+ bytes; SCF allows 4096 per function$`)))
  )
})

test('the printed plan names every variable and never shows a value', () => {
  const lines = steps(plan(config(), sample)).map(describeStep)
  const text = lines.join('\n')
  for (const secret of ['SECRET-PEM-BODY', 'APIV3-SECRET', 'secret-key-value', 'SERIAL-SECRET-1', 'AKIDsecret']) expect(text).not.toContain(secret)
  expect(text).toContain('function recharge: Nodejs16.13, timeout 20 s, 256 MB')
  expect(text).toContain('WECHATPAY_APIV3_KEY')
  expect(text).toContain('(8/10 set)') // base URL and platform certificates left empty
})
