/**
 * How every cloud function runs, from one source.
 *
 * `cloudbaserc.json` (the CloudBase CLI's own format, version 2.0) states each function's
 * runtime, timeout, memory, environment variable names, timer trigger and HTTP path; the local
 * runtime, `npm run deploy` and `tcb fn deploy` all read it. The two facts that format has no
 * field for live below: the 云调用 APIs a function calls (`permissions.openapi`, which only
 * WeChat DevTools applies, from `config.json`) and whether the mini-program may call the
 * function (云函数安全规则). `npm run build:functions` writes each `config.json` from both, so
 * DevTools users get the same trigger and permissions as the CLI path. See docs/deploy.md.
 */
import fs from 'fs'
import path from 'path'
import { FILE as CLOUDBASERC, readRc } from '../cloudbaserc'

export const ROOT = path.join(__dirname, '..', '..')

export interface TimerTrigger {
  name: string
  type: 'timer'
  /** seven-field cron: second minute hour day month weekday year */
  config: string
}

/** One entry of cloudbaserc.json `functions[]`, as the CLI and manager-node read it. */
export interface FunctionConfig {
  name: string
  runtime: string
  handler: string
  /** seconds */
  timeout: number
  /** MB */
  memorySize: number
  installDependency: boolean
  ignore?: string[]
  /** name → `{{env.NAME}}`: values come from the env file at deploy time, never from git */
  envVariables: Record<string, string>
  triggers?: TimerTrigger[]
  /** HTTP access path (HTTP 访问服务), created by manager-node's createFunction / `tcb fn deploy` */
  path?: string
}

export interface CloudbaseRc {
  version: string
  envId: string
  functionRoot: string
  functions: FunctionConfig[]
}

/**
 * 云调用 APIs each function calls through `cloud.openapi`; the shipping upload runs after every
 * credit, and ops makes the stores' checkout codes (server/store-code.ts).
 */
export const OPENAPI: Readonly<Record<string, readonly string[]>> = {
  // wallet.bindPhone: the number behind the code of WeChat's phone button
  wallet: ['phonenumber.getPhoneNumber'],
  recharge: ['wxa.sec.order.uploadShippingInfo'],
  payNotify: ['wxa.sec.order.uploadShippingInfo'],
  cron: ['wxa.sec.order.uploadShippingInfo'],
  ops: ['wxa.sec.order.uploadShippingInfo', 'wxacode.getUnlimited'],
  checkout: [],
  family: [],
  refund: []
}

/**
 * Functions the mini-program must not reach with `wx.cloud.callFunction`: payNotify answers
 * WeChat Pay through its HTTP path and cron runs on its timer (neither is governed by the
 * security rules). Everything else needs a signed-in WeChat user (`auth != null`).
 */
export const NOT_CALLABLE_FROM_APP: readonly string[] = ['payNotify', 'cron']

export function callableFromApp(name: string): boolean {
  return !NOT_CALLABLE_FROM_APP.includes(name)
}

export type InvokeRule = boolean | 'auth != null'
export type SecurityRules = Record<string, { invoke: InvokeRule }>

/**
 * The environment's 云函数安全规则: `*` must be present and every entry needs `invoke`
 * (true, false or "auth != null"; developers.weixin.qq.com …/functions/security-rules).
 */
export function securityRules(): SecurityRules {
  const rules: SecurityRules = { '*': { invoke: 'auth != null' } }
  for (const name of NOT_CALLABLE_FROM_APP) rules[name] = { invoke: false }
  return rules
}

/** The template the CLI fills from `.env.<mode>`: `{{env.NAME}}` → NAME, else null. */
export function templateVariable(value: string): string | null {
  const m = /^\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(value)
  return m ? m[1] : null
}

/** cloudbaserc.json as the deploy tooling reads it (the file and its parsing are scripts/cloudbaserc.js's). */
export function readCloudbaseRc(file = CLOUDBASERC): CloudbaseRc {
  return readRc(file) as CloudbaseRc
}

/** What WeChat DevTools reads from `cloudfunctions/<name>/config.json`. */
export interface DevtoolsConfig {
  triggers?: TimerTrigger[]
  permissions?: { openapi: string[] }
}

export function devtoolsConfig(fn: FunctionConfig): DevtoolsConfig | null {
  const out: DevtoolsConfig = {}
  if (fn.triggers?.length) out.triggers = fn.triggers.map((t) => ({ ...t }))
  const apis = OPENAPI[fn.name] ?? []
  if (apis.length) out.permissions = { openapi: [...apis] }
  return Object.keys(out).length ? out : null
}

export function devtoolsConfigText(fn: FunctionConfig): string | null {
  const c = devtoolsConfig(fn)
  return c ? `${JSON.stringify(c, null, 2)}\n` : null
}

/** Each function folder's config.json as it should be (null: the file should not exist). */
export function expectedConfigFiles(rc: CloudbaseRc = readCloudbaseRc()): Map<string, string | null> {
  const out = new Map<string, string | null>()
  for (const fn of rc.functions) out.set(path.join(ROOT, rc.functionRoot, fn.name, 'config.json'), devtoolsConfigText(fn))
  return out
}

/** Writes every config.json that differs; returns the files changed. */
export function writeConfigFiles(rc: CloudbaseRc = readCloudbaseRc()): string[] {
  const changed: string[] = []
  for (const [file, text] of expectedConfigFiles(rc)) {
    const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null
    if (now === text) continue
    if (text === null) fs.rmSync(file)
    else fs.writeFileSync(file, text)
    changed.push(path.relative(ROOT, file))
  }
  return changed
}
