/**
 * `npm run deploy` as data: `plan(config, merchant)` lists every step a deployment takes, in
 * order, without touching anything, so the whole of it is unit-tested and `--dry-run` prints
 * exactly what a real run would do. execute.ts carries the steps out, each one compared with
 * what the environment already has before it writes (a re-run changes nothing).
 */
import { INDEXES, type IndexSpec } from '../../server/db/indexes'
import { payConfigFromEnv } from '../../server/wechatpay/config'
import { merchantDocuments, type MerchantDoc } from './documents'
import { OPENAPI, securityRules, templateVariable, type CloudbaseRc, type FunctionConfig, type SecurityRules, type TimerTrigger } from './functions'
import { checkMerchant } from './merchant'
import { entryLimits, runtimeProblem } from '../cloudbaserc'
import { storeAccountShards } from '../../server/ledger/store'
import { ONLINE_STORE_ID } from '../../domain/offers/types'

/**
 * Variables of cloudbaserc.json that may be left empty. The WeChat Pay ones are not listed: which
 * of them a merchant needs (public key, platform certificates, or both) is decided by the
 * functions' own reader, payConfigFromEnv, which the plan runs on the env file.
 * WXACODE_ENV_VERSION: which mini-program version the stores' checkout codes open (release when
 * empty; server/store-code.ts).
 */
export const OPTIONAL_VARIABLES: readonly string[] = ['WXACODE_ENV_VERSION']
const ENV_VERSIONS = ['release', 'trial', 'develop']
const PAY_VARIABLE = /^WECHATPAY_/
/** SCF quota: 单个函数的环境变量大小 4KB (cloud.tencent.com/document/product/583/11637). */
export const ENV_BYTES_LIMIT = 4096
/** What manager-node needs to act on the environment (not needed for --dry-run). */
export const CREDENTIAL_VARIABLES = ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const

export interface DeployConfig {
  rc: CloudbaseRc
  /** the env file's variables (values are used, never printed) */
  env: Readonly<Record<string, string>>
  /** where `env` came from, for messages */
  envFile: string
  dryRun: boolean
}

export type Step =
  | { kind: 'build'; functions: string[] }
  | { kind: 'collection'; name: string }
  | { kind: 'index'; collection: string; index: IndexSpec }
  | {
      kind: 'function'
      name: string
      fn: FunctionConfig
      /** env variable name → value (resolved from the env file) */
      variables: Record<string, string>
    }
  | { kind: 'trigger'; function: string; trigger: TimerTrigger }
  | { kind: 'httpPath'; function: string; path: string }
  | { kind: 'openapi'; function: string; apis: string[] }
  | { kind: 'securityRules'; rules: SecurityRules }
  | { kind: 'document'; doc: MerchantDoc }
  | { kind: 'switchOffRemoved'; collections: string[] }
  /** the store's account shards, opened at zero where missing (server/ledger/store.ts openStoreAccounts) */
  | { kind: 'storeAccounts'; storeId: string; shards: number }
  | { kind: 'notifyUrl'; url: string }
  | { kind: 'console'; what: string }

export type Plan = { ok: true; envId: string; steps: Step[]; warnings: string[] } | { ok: false; problems: string[] }

/** The console steps no API can take; each is stated here once, and in README/docs/deploy.md. */
export const CONSOLE_STEPS: readonly string[] = [
  '云开发控制台 → HTTP 访问服务 → 自定义域名: bind a domain that has 备案 and put https://<that domain>/pay/notify in WECHATPAY_NOTIFY_URL (the default domain is rate-limited, for testing only)',
  '微信支付商户平台: link the mini-program AppID to the merchant id (AppID 账号关联) and use the notify URL above; the APIv3 key, the merchant certificate serial and the WeChat Pay public key id go in the env file'
]

function describeIndex(i: IndexSpec): string {
  return `${i.name} (${i.fields.map(([f, o]) => `${f} ${o === 1 ? 'asc' : 'desc'}`).join(', ')})${i.unique ? ' unique' : ''}`
}

/** One line per step, as --dry-run prints it; never a secret value. */
export function describeStep(s: Step): string {
  switch (s.kind) {
    case 'build':
      return `build ${s.functions.length} functions (npm run build:functions: bundles and config.json)`
    case 'collection':
      return `collection ${s.name}: create if missing`
    case 'index':
      return `index ${s.collection}.${describeIndex(s.index)}: create if missing`
    case 'function': {
      const vars = Object.keys(s.variables)
      const set = vars.filter((v) => s.variables[v] !== '').length
      return (
        `function ${s.name}: ${s.fn.runtime}, timeout ${s.fn.timeout} s, ${s.fn.memorySize} MB, handler ${s.fn.handler}, ` +
        `${s.fn.installDependency ? 'cloud installs dependencies' : 'no dependency install'}, ` +
        `env ${vars.length ? `${vars.join(' ')} (${set}/${vars.length} set)` : 'none'}; create, or update what differs`
      )
    }
    case 'trigger':
      return `trigger ${s.function}.${s.trigger.name}: ${s.trigger.type} "${s.trigger.config}"`
    case 'httpPath':
      return `HTTP path ${s.path} → ${s.function} (身份认证 off)`
    case 'openapi':
      return `云调用 permissions for ${s.function}: ${s.apis.join(', ')}`
    case 'securityRules':
      return `云函数安全规则: ${JSON.stringify(s.rules)}`
    case 'document':
      return `document ${s.doc.collection}/${s.doc.id}: write if different`
    case 'switchOffRemoved':
      return `${s.collections.join(' and ')} stored but not in merchant.json: set active false`
    case 'storeAccounts':
      return `accounts of store ${s.storeId}: fund, promotion and spend (revenue + bonus redeemed), ${s.shards} shards each, opened at 0 where missing`
    case 'notifyUrl':
      return `notify URL for the WeChat Pay console: ${s.url}`
    case 'console':
      return `by hand: ${s.what}`
  }
}

function payNotifyPath(rc: CloudbaseRc): string | null {
  return rc.functions.find((f) => f.path)?.path ?? null
}

/**
 * Every step of a deployment of `merchantInput` with `config`, or every reason it must not run.
 * A dry run tolerates a missing env file and credentials (placeholders are shown instead);
 * merchant.json problems refuse even a dry run.
 */
export function plan(config: DeployConfig, merchantInput: unknown): Plan {
  const { rc, env, dryRun } = config
  const problems: string[] = []
  const warnings: string[] = []
  const missing = (name: string) => !env[name]?.trim()

  const merchant = checkMerchant(merchantInput)
  if (!merchant.ok) problems.push(...merchant.problems.map((p) => `merchant.json: ${p}`))

  const envVar = templateVariable(rc.envId)
  const envId = envVar ? env[envVar]?.trim() || '' : rc.envId
  const need = new Set<string>([...(envVar ? [envVar] : []), ...CREDENTIAL_VARIABLES])
  let usesPay = false
  for (const fn of rc.functions) {
    for (const value of Object.values(fn.envVariables)) {
      const from = templateVariable(value)
      if (from && PAY_VARIABLE.test(from)) usesPay = true
      else if (from && !OPTIONAL_VARIABLES.includes(from)) need.add(from)
    }
  }
  const envProblems: string[] = []
  const absent = [...need].filter(missing)
  if (absent.length) envProblems.push(`${config.envFile}: missing ${absent.join(', ')}`)
  const version = env.WXACODE_ENV_VERSION?.trim()
  if (version && !ENV_VERSIONS.includes(version)) envProblems.push(`${config.envFile}: WXACODE_ENV_VERSION must be one of ${ENV_VERSIONS.join(', ')} (or empty: release)`)
  if (usesPay) {
    try {
      // the very check each function runs when it starts: a deployment it would refuse is refused here
      payConfigFromEnv(env)
    } catch (err) {
      envProblems.push(`${config.envFile}: ${(err as Error).message}`)
    }
  }
  if (dryRun) warnings.push(...envProblems.map((m) => `${m} (a real run refuses)`))
  else problems.push(...envProblems)

  const path = payNotifyPath(rc)
  const notifyUrl = env.WECHATPAY_NOTIFY_URL?.trim() ?? ''
  if (notifyUrl && path) {
    let url: URL | null = null
    try {
      url = new URL(notifyUrl)
    } catch {
      problems.push(`WECHATPAY_NOTIFY_URL is not a URL: ${notifyUrl}`)
    }
    if (url && url.protocol !== 'https:') problems.push('WECHATPAY_NOTIFY_URL must be https (WeChat Pay refuses other notify URLs)')
    if (url && url.pathname !== path) problems.push(`WECHATPAY_NOTIFY_URL must end in payNotify's HTTP path ${path}, not ${url.pathname}`)
    if (url && /\.tcloudbase\.com$/.test(url.hostname)) warnings.push('WECHATPAY_NOTIFY_URL uses the default CloudBase domain: bind a custom domain with 备案 for production')
  }
  const resolve = (fn: FunctionConfig): Record<string, string> =>
    Object.fromEntries(Object.entries(fn.envVariables).map(([name, value]) => [name, env[templateVariable(value) ?? ''] ?? (templateVariable(value) ? '' : value)]))
  for (const fn of rc.functions) {
    // the rule the bundler and the local cloud apply too: on an older runtime the bundle does not load
    const runtime = runtimeProblem(entryLimits(fn).runtime)
    if (runtime) problems.push(`${fn.name}: ${runtime}`)
    const bytes = Object.entries(resolve(fn)).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0)
    if (bytes > ENV_BYTES_LIMIT) problems.push(`${fn.name}: its environment variables take ${bytes} bytes; SCF allows ${ENV_BYTES_LIMIT} per function`)
  }
  // the shards crediting and spending post to, as the functions read them from their variables
  let shards = 0
  for (const fn of rc.functions) {
    try {
      shards = Math.max(shards, storeAccountShards(resolve(fn)))
    } catch (err) {
      problems.push(`${fn.name}: ${(err as Error).message}`)
    }
  }
  if (problems.length) return { ok: false, problems }
  if (!merchant.ok) return { ok: false, problems } // unreachable; narrows the type

  const steps: Step[] = [{ kind: 'build', functions: rc.functions.map((f) => f.name) }]
  for (const [name, indexes] of Object.entries(INDEXES)) {
    steps.push({ kind: 'collection', name })
    for (const index of indexes) steps.push({ kind: 'index', collection: name, index })
  }
  for (const fn of rc.functions) steps.push({ kind: 'function', name: fn.name, fn, variables: resolve(fn) })
  for (const fn of rc.functions) for (const trigger of fn.triggers ?? []) steps.push({ kind: 'trigger', function: fn.name, trigger })
  for (const fn of rc.functions) if (fn.path) steps.push({ kind: 'httpPath', function: fn.name, path: fn.path })
  for (const fn of rc.functions) if (OPENAPI[fn.name]?.length) steps.push({ kind: 'openapi', function: fn.name, apis: [...OPENAPI[fn.name]] })
  steps.push({ kind: 'securityRules', rules: securityRules() })
  for (const doc of merchantDocuments(merchant.merchant)) steps.push({ kind: 'document', doc })
  steps.push({ kind: 'switchOffRemoved', collections: ['plans', 'campaigns'] })
  // online recharges post to the online store whether or not merchant.json lists it
  const storeIds = [...new Set([...merchant.merchant.stores.map((st) => st.id), ONLINE_STORE_ID])]
  for (const storeId of storeIds) steps.push({ kind: 'storeAccounts', storeId, shards })
  if (path) steps.push({ kind: 'notifyUrl', url: notifyUrl || `https://<your custom domain>${path}` })
  for (const what of CONSOLE_STEPS) steps.push({ kind: 'console', what })
  return { ok: true, envId: envId || `<${envVar}>`, steps, warnings }
}
