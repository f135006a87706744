/**
 * Carries out a plan (plan.ts) against a CloudBase environment. Every step reads what the
 * environment has and writes only when it differs, so a re-run reports everything unchanged.
 * The environment is reached through `Platform` (manager-node in platform.ts; a fake in tests).
 */
import crypto from 'crypto'
import fs from 'fs'
import path from 'path'
import { COLLECTIONS as C, type IndexSpec } from '../../server/db/indexes'
import { openStoreAccounts, type AccountStore } from '../../server/ledger/store'
import { applyDocuments, type DocStore, type MerchantDoc } from './documents'
import type { FunctionConfig, SecurityRules, TimerTrigger } from './functions'
import { describeStep, type Step } from './plan'

/** What the environment says about a deployed function. */
export interface FunctionState {
  runtime: string
  timeout: number
  memorySize: number
  installDependency: boolean
  env: Record<string, string>
  description: string
  triggers: Array<{ name: string; config: string }>
}

/** The settable part of a function's configuration. */
export interface FunctionSettings {
  timeout: number
  memorySize: number
  installDependency: boolean
  envVariables: Record<string, string>
  /** carries the code hash, so an unchanged bundle is not uploaded again */
  description: string
}

export interface Platform {
  collectionExists(name: string): Promise<boolean>
  createCollection(name: string): Promise<void>
  indexNames(collection: string): Promise<string[]>
  createIndex(collection: string, index: IndexSpec): Promise<void>
  functionState(name: string): Promise<FunctionState | null>
  createFunction(fn: FunctionConfig, settings: FunctionSettings): Promise<void>
  updateFunctionCode(fn: FunctionConfig): Promise<void>
  updateFunctionConfig(name: string, settings: FunctionSettings): Promise<void>
  createTrigger(fn: string, trigger: TimerTrigger): Promise<void>
  deleteTrigger(fn: string, name: string): Promise<void>
  /** the HTTP paths routed to `fn`, with their 身份认证 switch */
  accessPaths(fn: string): Promise<Array<{ path: string; auth: boolean; id: string }>>
  createAccessPath(fn: string, path: string): Promise<void>
  switchAccessAuthOff(id: string): Promise<void>
  securityRules(): Promise<string | null>
  setSecurityRules(json: string): Promise<void>
  /** null when the 云调用 configuration cannot be read (no AppSecret given) */
  openapi(fn: string): Promise<string[] | null>
  setOpenapi(fn: string, apis: string[]): Promise<void>
  docs: DocStore
}

export type Outcome = 'unchanged' | 'created' | 'updated' | 'by hand' | 'done'

export interface StepResult {
  step: Step
  outcome: Outcome
  detail?: string
}

export interface ExecuteOptions {
  functionRoot: string
  /** runs npm run build:functions */
  build(): void
  log(line: string): void
}

/** sha256 of the files a deployment uploads (the folder minus cloudbaserc's `ignore`). */
export function codeHash(dir: string, ignore: readonly string[] = []): string {
  const ignored = (name: string) => ignore.some((g) => (g.startsWith('*.') ? name.endsWith(g.slice(1)) : name === g))
  const files: string[] = []
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (ignored(e.name) || e.name === 'node_modules') continue
      if (e.isDirectory()) walk(r)
      else files.push(r)
    }
  }
  walk('')
  const h = crypto.createHash('sha256')
  for (const f of files) h.update(`${f}\0`).update(fs.readFileSync(path.join(dir, f))).update('\0')
  return h.digest('hex').slice(0, 16)
}

export const DESCRIPTION_PREFIX = 'chuzhi code '

function sameEnv(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).filter((k) => a[k] !== '')
  const kb = Object.keys(b).filter((k) => b[k] !== '')
  return ka.length === kb.length && ka.every((k) => a[k] === b[k])
}

async function deployFunction(p: Platform, s: Extract<Step, { kind: 'function' }>, o: ExecuteOptions): Promise<StepResult> {
  const hash = codeHash(path.join(o.functionRoot, s.fn.name), s.fn.ignore)
  const settings: FunctionSettings = {
    timeout: s.fn.timeout,
    memorySize: s.fn.memorySize,
    installDependency: s.fn.installDependency,
    // empty optional variables are left out: the function then uses its default
    envVariables: Object.fromEntries(Object.entries(s.variables).filter(([, v]) => v !== '')),
    description: `${DESCRIPTION_PREFIX}${hash}`
  }
  const now = await p.functionState(s.name)
  if (!now) {
    await p.createFunction(s.fn, settings)
    return { step: s, outcome: 'created', detail: `code ${hash}` }
  }
  if (now.runtime !== s.fn.runtime) {
    throw new Error(
      `${s.name} runs ${now.runtime} but cloudbaserc.json says ${s.fn.runtime}; CloudBase cannot change a function's runtime: delete ${s.name} in the console and run npm run deploy again`
    )
  }
  const changed: string[] = []
  if (now.description !== settings.description) {
    await p.updateFunctionCode(s.fn)
    changed.push(`code ${hash}`)
  }
  const configDiffers =
    now.timeout !== settings.timeout ||
    now.memorySize !== settings.memorySize ||
    now.installDependency !== settings.installDependency ||
    now.description !== settings.description ||
    !sameEnv(now.env, settings.envVariables)
  if (configDiffers) {
    await p.updateFunctionConfig(s.name, settings)
    changed.push('configuration')
  }
  return changed.length ? { step: s, outcome: 'updated', detail: changed.join(', ') } : { step: s, outcome: 'unchanged' }
}

/**
 * The same environment with every write skipped: `npm run deploy -- --diff` runs the executor on
 * it to report what a deploy would change ('created' / 'updated' then mean "would be").
 */
export function readOnly(p: Platform): Platform {
  const skip = async () => {}
  return {
    ...p,
    createCollection: skip,
    createIndex: skip,
    createFunction: skip,
    updateFunctionCode: skip,
    updateFunctionConfig: skip,
    createTrigger: skip,
    deleteTrigger: skip,
    createAccessPath: skip,
    switchAccessAuthOff: skip,
    setSecurityRules: skip,
    setOpenapi: skip,
    docs: { list: (c) => p.docs.list(c), set: skip, exists: (c, id) => p.docs.exists(c, id), create: async () => true }
  }
}

/** The environment's accounts collection, for openStoreAccounts: created, never overwritten. */
function accountsIn(docs: DocStore): AccountStore {
  return {
    exists: (id) => docs.exists(C.accounts, id),
    create: ({ _id, ...account }) => docs.create(C.accounts, _id, { ...account, createdAt: new Date() })
  }
}

/** Runs `steps` in order; stops at the first failure (re-running resumes, since done steps read as unchanged). */
export async function execute(p: Platform, steps: Step[], o: ExecuteOptions): Promise<StepResult[]> {
  const results: StepResult[] = []
  const docs: MerchantDoc[] = []
  const report = (r: StepResult) => {
    results.push(r)
    o.log(`${r.outcome.padEnd(9)} ${describeStep(r.step)}${r.detail ? ` (${r.detail})` : ''}`)
  }
  for (const s of steps) {
    switch (s.kind) {
      case 'build':
        o.build()
        report({ step: s, outcome: 'done' })
        break
      case 'collection':
        if (await p.collectionExists(s.name)) report({ step: s, outcome: 'unchanged' })
        else {
          await p.createCollection(s.name)
          report({ step: s, outcome: 'created' })
        }
        break
      case 'index':
        if ((await p.indexNames(s.collection)).includes(s.index.name)) report({ step: s, outcome: 'unchanged' })
        else {
          await p.createIndex(s.collection, s.index)
          report({ step: s, outcome: 'created' })
        }
        break
      case 'function':
        report(await deployFunction(p, s, o))
        break
      case 'trigger': {
        const now = (await p.functionState(s.function))?.triggers.find((t) => t.name === s.trigger.name)
        if (now && now.config === s.trigger.config) report({ step: s, outcome: 'unchanged' })
        else {
          if (now) await p.deleteTrigger(s.function, s.trigger.name)
          await p.createTrigger(s.function, s.trigger)
          report({ step: s, outcome: now ? 'updated' : 'created' })
        }
        break
      }
      case 'httpPath': {
        const now = (await p.accessPaths(s.function)).find((a) => a.path === s.path)
        if (!now) {
          await p.createAccessPath(s.function, s.path)
          report({ step: s, outcome: 'created' })
        } else if (now.auth) {
          await p.switchAccessAuthOff(now.id)
          report({ step: s, outcome: 'updated', detail: '身份认证 switched off' })
        } else report({ step: s, outcome: 'unchanged' })
        break
      }
      case 'openapi': {
        const now = await p.openapi(s.function)
        if (now === null) {
          report({ step: s, outcome: 'by hand', detail: `set WX_APPSECRET to apply it, or upload cloudfunctions/${s.function} once from WeChat DevTools (it reads config.json)` })
        } else if ([...now].sort().join() === [...s.apis].sort().join()) report({ step: s, outcome: 'unchanged' })
        else {
          await p.setOpenapi(s.function, s.apis)
          report({ step: s, outcome: 'updated' })
        }
        break
      }
      case 'securityRules': {
        const want = JSON.stringify(s.rules)
        const now = await p.securityRules()
        if (now !== null && sameRules(now, s.rules)) report({ step: s, outcome: 'unchanged' })
        else {
          await p.setSecurityRules(want)
          report({ step: s, outcome: 'updated' })
        }
        break
      }
      case 'document':
        docs.push(s.doc)
        break
      case 'switchOffRemoved': {
        const changes = await applyDocuments(p.docs, docs)
        const byId = new Map(changes.map((c) => [`${c.collection}/${c.id}`, c]))
        for (const d of steps.filter((x): x is Extract<Step, { kind: 'document' }> => x.kind === 'document')) {
          const c = byId.get(`${d.doc.collection}/${d.doc.id}`)
          report({ step: d, outcome: c ? (c.action === 'create' ? 'created' : 'updated') : 'unchanged' })
        }
        const off = changes.filter((c) => c.action === 'switch off')
        report({ step: s, outcome: off.length ? 'updated' : 'unchanged', detail: off.length ? off.map((c) => `${c.collection}/${c.id}`).join(', ') : undefined })
        break
      }
      case 'storeAccounts': {
        // before the first recharge of the store, so crediting only increments them (settle.ts)
        const opened = await openStoreAccounts(s.storeId, s.shards, accountsIn(p.docs))
        report({ step: s, outcome: opened ? 'created' : 'unchanged', detail: opened ? `${opened} opened` : undefined })
        break
      }
      case 'notifyUrl':
      case 'console':
        report({ step: s, outcome: 'by hand' })
        break
    }
  }
  return results
}

function sameRules(stored: string, want: SecurityRules): boolean {
  try {
    const a = JSON.parse(stored) as Record<string, { invoke: unknown }>
    const keys = Object.keys(want)
    return Object.keys(a).length === keys.length && keys.every((k) => a[k]?.invoke === want[k].invoke)
  } catch {
    return false
  }
}
