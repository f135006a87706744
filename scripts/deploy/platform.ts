/**
 * `Platform` on the real services:
 * - @cloudbase/manager-node (CloudBase's management API, with API keys): collections and
 *   indexes, functions, triggers, HTTP access paths, 云函数安全规则;
 * - @cloudbase/node-sdk (the SDK wx-server-sdk is built on, usable outside the cloud with API
 *   keys): the merchant's documents;
 * - WeChat's tcb/getfuncconfig and tcb/uploadfuncconfig (type 1, 云调用配置) with the
 *   mini-program's access_token, only when an AppSecret is given: the `permissions.openapi`
 *   that otherwise only DevTools applies.
 * Sources for each call are listed in docs/deploy.md. Nothing here runs in tests or in --dry-run.
 */
import type { IndexSpec } from '../../server/db/indexes'
import { nodeSdkDocStore, type NodeSdkDb } from './documents'
import type { FunctionConfig } from './functions'
import type { FunctionSettings, FunctionState, Platform } from './execute'

export interface PlatformOptions {
  envId: string
  secretId: string
  secretKey: string
  sessionToken?: string
  functionRoot: string
  /** for the 云调用 configuration; both or neither */
  appid?: string
  appSecret?: string
}

interface ApiError {
  code?: string
  message?: string
}

const notFound = (e: unknown) => /ResourceNotFound/.test(String((e as ApiError)?.code ?? '') + String((e as ApiError)?.message ?? ''))

/** The clients, replaceable in tests (platform.test.ts checks the calls made on them). */
export interface PlatformClients {
  /** a @cloudbase/manager-node CloudBase instance */
  app: any
  /** a @cloudbase/node-sdk app */
  sdk: { database(): unknown }
  fetch: typeof fetch
}

function realClients(o: PlatformOptions): PlatformClients {
  // loaded here so that --dry-run and the tests never load them
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const CloudBase = require('@cloudbase/manager-node')
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const tcb = require('@cloudbase/node-sdk')
  return {
    app: new CloudBase({ secretId: o.secretId, secretKey: o.secretKey, token: o.sessionToken, envId: o.envId }),
    sdk: tcb.init({ env: o.envId, secretId: o.secretId, secretKey: o.secretKey, sessionToken: o.sessionToken }),
    fetch
  }
}

export function cloudbasePlatform(o: PlatformOptions, clients: PlatformClients = realClients(o)): Platform {
  const { app, sdk, fetch } = clients

  const apiFunc = (fn: FunctionConfig, s: FunctionSettings) => ({
    name: fn.name,
    runtime: fn.runtime,
    handler: fn.handler,
    ignore: fn.ignore,
    timeout: s.timeout,
    memorySize: s.memorySize,
    installDependency: s.installDependency,
    envVariables: s.envVariables,
    description: s.description
  })

  let token: { value: string; until: number } | null = null
  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value
    const r = await fetch('https://api.weixin.qq.com/cgi-bin/stable_token', {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: o.appid, secret: o.appSecret })
    })
    const j = (await r.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }
    if (!j.access_token) throw new Error(`stable_token: ${j.errcode} ${j.errmsg}`)
    token = { value: j.access_token, until: Date.now() + ((j.expires_in ?? 7200) - 300) * 1000 }
    return token.value
  }
  async function wxApi(name: string, body: Record<string, unknown>) {
    const r = await fetch(`https://api.weixin.qq.com/tcb/${name}?access_token=${await accessToken()}`, { method: 'POST', body: JSON.stringify(body) })
    return (await r.json()) as { errcode: number; errmsg: string; config?: string }
  }

  return {
    async collectionExists(name) {
      return (await app.database.checkCollectionExists(name)).Exists === true
    },
    async createCollection(name) {
      await app.database.createCollection(name)
    },
    async indexNames(collection) {
      const r = await app.database.describeCollection(collection)
      return ((r.Indexes ?? []) as Array<{ Name: string }>).map((i) => i.Name)
    },
    async createIndex(collection, index: IndexSpec) {
      await app.database.updateCollection(collection, {
        CreateIndexes: [
          {
            IndexName: index.name,
            MgoKeySchema: { MgoIndexKeys: index.fields.map(([Name, d]) => ({ Name, Direction: String(d) })), MgoIsUnique: index.unique ?? false }
          }
        ]
      })
    },
    async functionState(name): Promise<FunctionState | null> {
      try {
        const d = await app.functions.getFunctionDetail(name)
        return {
          runtime: d.Runtime,
          timeout: d.Timeout,
          memorySize: d.MemorySize,
          installDependency: d.InstallDependency === 'TRUE',
          env: Object.fromEntries(((d.Environment?.Variables ?? []) as Array<{ Key: string; Value: string }>).map((v) => [v.Key, v.Value])),
          description: d.Description ?? '',
          triggers: ((d.Triggers ?? []) as Array<{ TriggerName: string; TriggerDesc: string }>).map((t) => ({ name: t.TriggerName, config: t.TriggerDesc }))
        }
      } catch (e) {
        if (notFound(e)) return null
        throw e
      }
    },
    async createFunction(fn, s) {
      await app.functions.createFunction({ func: apiFunc(fn, s), functionRootPath: o.functionRoot, force: false })
    },
    async updateFunctionCode(fn) {
      await app.functions.updateFunctionCode({
        func: { name: fn.name, runtime: fn.runtime, handler: fn.handler, ignore: fn.ignore, installDependency: fn.installDependency },
        functionRootPath: o.functionRoot
      })
      await app.functions.waitFunctionActive(fn.name)
    },
    async updateFunctionConfig(name, s) {
      await app.functions.updateFunctionConfig({ name, ...s })
      await app.functions.waitFunctionActive(name)
    },
    async createTrigger(fn, trigger) {
      await app.functions.createFunctionTriggers(fn, [trigger])
    },
    async deleteTrigger(fn, name) {
      await app.functions.deleteFunctionTrigger(fn, name)
    },
    async accessPaths(fn) {
      const r = await app.access.getAccessList({ name: fn })
      return ((r.APISet ?? []) as Array<{ Path: string; EnableAuth: boolean; APIId: string; Name: string }>)
        .filter((a) => a.Name === fn)
        .map((a) => ({ path: a.Path, auth: a.EnableAuth, id: a.APIId }))
    },
    async createAccessPath(fn, p) {
      // type 1 = cloud function; auth false sends AuthSwitch 2 (off): WeChat Pay carries no CloudBase login
      await app.access.createAccess({ name: fn, path: p, type: 1, auth: false })
    },
    async switchAccessAuthOff(id) {
      await app.access.switchPathAuth({ apiIds: [id], auth: false })
    },
    async securityRules() {
      const r = await app.permission.describeResourcePermission({ resourceType: 'function' })
      return (r.Data?.PermissionList?.[0]?.SecurityRule as string | undefined) ?? null
    },
    async setSecurityRules(json) {
      await app.permission.modifyResourcePermission({ resourceType: 'function', permission: 'CUSTOM', securityRule: json })
    },
    async openapi(fn) {
      if (!o.appid || !o.appSecret) return null
      const r = await wxApi('getfuncconfig', { type: 1, env: o.envId, function_name: fn })
      if (r.errcode === 85089) return [] // 云调用配置不存在
      if (r.errcode !== 0) throw new Error(`getfuncconfig ${fn}: ${r.errcode} ${r.errmsg}`)
      const c = JSON.parse(r.config ?? '{}') as { permissions?: { openapi?: string[] } }
      return c.permissions?.openapi ?? []
    },
    async setOpenapi(fn, apis) {
      const r = await wxApi('uploadfuncconfig', { type: 1, env: o.envId, function_name: fn, config: JSON.stringify({ permissions: { openapi: apis } }) })
      if (r.errcode !== 0) throw new Error(`uploadfuncconfig ${fn}: ${r.errcode} ${r.errmsg}`)
    },
    docs: nodeSdkDocStore(sdk.database() as NodeSdkDb)
  }
}

