// cloudbaserc.json is the one statement of how each function runs; these checks keep it within the
// platform's limits and keep every file derived from it (config.json, security rules) in step.
import fs from 'fs'
import path from 'path'
import {
  NOT_CALLABLE_FROM_APP,
  OPENAPI,
  ROOT,
  devtoolsConfig,
  expectedConfigFiles,
  readCloudbaseRc,
  securityRules,
  templateVariable
} from './functions'
import { runtimeProblem } from '../cloudbaserc'

const rc = readCloudbaseRc()
const fn = (name: string) => {
  const f = rc.functions.find((x) => x.name === name)
  if (!f) throw new Error(`${name} missing from cloudbaserc.json`)
  return f
}

test('every function folder is in cloudbaserc.json and every listed function has a folder', () => {
  const folders = fs
    .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'cloudfunctions', d.name, 'main.ts')))
    .map((d) => d.name)
    .sort()
  expect(rc.functions.map((f) => f.name).sort()).toEqual(folders)
  expect(Object.keys(OPENAPI).sort()).toEqual(folders)
})

test('runtimes are ones our bundles load on (scripts/cloudbaserc.js MIN_RUNTIME: they use ES2021 syntax such as ??=)', () => {
  for (const f of rc.functions) {
    expect(runtimeProblem(f.runtime)).toBeNull()
    expect(f.handler).toBe('index.main')
    expect(f.installDependency).toBe(true)
    // the console offers these sizes; the timeout range is 1–60 s for event functions
    expect([128, 256, 512, 1024, 2048]).toContain(f.memorySize)
    expect(f.timeout).toBeGreaterThanOrEqual(1)
    expect(f.timeout).toBeLessThanOrEqual(60)
  }
})

test('the timeouts leave room for a transaction plus a WeChat Pay call, and cron gets 60 s', () => {
  expect(fn('recharge').timeout).toBeGreaterThanOrEqual(20)
  expect(fn('payNotify').timeout).toBeGreaterThanOrEqual(20)
  expect(fn('cron').timeout).toBe(60)
})

test('cron has its timer triggers (the sweep, and the daily reconciliation from 10:00 when the bill is out) and payNotify its HTTP path; nothing else has either', () => {
  expect(fn('cron').triggers).toEqual([
    { name: 'every5min', type: 'timer', config: '0 */5 * * * * *' },
    { name: 'recon', type: 'timer', config: '0 */10 10-13 * * * *' }
  ])
  expect(fn('payNotify').path).toBe('/pay/notify')
  for (const f of rc.functions.filter((x) => x.name !== 'cron')) expect(f.triggers ?? []).toEqual([])
  for (const f of rc.functions.filter((x) => x.name !== 'payNotify')) expect(f.path).toBeUndefined()
})

test('environment variables are names only: each value is the {{env.NAME}} template of its own name', () => {
  expect(templateVariable(rc.envId)).toBe('ENV_ID')
  for (const f of rc.functions) {
    for (const [name, value] of Object.entries(f.envVariables)) expect(templateVariable(value)).toBe(name)
  }
})

/** Every WECHATPAY_* name the server code mentions (the pay configuration's reader and writer). */
function payVariablesInServer(): string[] {
  const found = new Set<string>()
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) for (const m of fs.readFileSync(p, 'utf8').match(/\bWECHATPAY_[A-Z0-9_]+\b/g) ?? []) found.add(m)
    }
  }
  walk(path.join(ROOT, 'server'))
  return [...found].sort()
}

test('every function that talks to WeChat Pay is given every WECHATPAY_* variable the server code reads', () => {
  const names = payVariablesInServer()
  expect(names).toContain('WECHATPAY_APIV3_KEY')
  for (const name of ['recharge', 'payNotify', 'cron', 'ops', 'refund']) {
    const declared = Object.keys(fn(name).envVariables)
    expect(names.filter((n) => !declared.includes(n))).toEqual([])
  }
  expect(fn('wallet').envVariables).toEqual({})
})

test("each cloudfunctions/<name>/config.json is exactly what cloudbaserc.json and OPENAPI say (run npm run build:functions)", () => {
  for (const [file, text] of expectedConfigFiles(rc)) {
    const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null
    expect({ file: path.relative(ROOT, file), text: now }).toEqual({ file: path.relative(ROOT, file), text })
  }
})

test('config.json carries the timer trigger and permissions.openapi that DevTools applies', () => {
  expect(devtoolsConfig(fn('cron'))).toEqual({
    triggers: [
      { name: 'every5min', type: 'timer', config: '0 */5 * * * * *' },
      { name: 'recon', type: 'timer', config: '0 */10 10-13 * * * *' }
    ],
    permissions: { openapi: ['wxa.sec.order.uploadShippingInfo'] }
  })
  expect(devtoolsConfig(fn('wallet'))).toEqual({ permissions: { openapi: ['phonenumber.getPhoneNumber'] } })
  expect(devtoolsConfig(fn('checkout'))).toBeNull()
})

test('ops may make mini-program codes (the stores’ checkout codes) and opens the version cloudbaserc.json names', () => {
  expect(devtoolsConfig(fn('ops'))).toEqual({ permissions: { openapi: ['wxa.sec.order.uploadShippingInfo', 'wxacode.getUnlimited'] } })
  expect(fn('ops').envVariables.WXACODE_ENV_VERSION).toBe('{{env.WXACODE_ENV_VERSION}}')
})

test('security rules: signed-in users by default; payNotify and cron refused to the app', () => {
  expect(securityRules()).toEqual({ '*': { invoke: 'auth != null' }, payNotify: { invoke: false }, cron: { invoke: false } })
  for (const name of NOT_CALLABLE_FROM_APP) expect(rc.functions.map((f) => f.name)).toContain(name)
})
