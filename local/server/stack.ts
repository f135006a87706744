import http from 'http'
import path from 'path'
import type { AddressInfo } from 'net'
import { createLocalCloud, type LocalCloud } from '../cloud'
import { FILES_PATH } from '../cloud/files'
import { createSimulator, type Simulator } from '../wechatpay-sim'
import { ensureDevPayConfig } from '../wechatpay-sim/keys'
import { seedDemo, seedDemoMembers } from '../seed'
import { loadFunctions, loadLimits } from './functions'
import { BadRequest, failure, isLoopbackHost, readBody, readJsonBody, sendBadRequest, sendJson } from './http-util'
import { serveStatic } from './static'
import { COLLECTIONS } from '../../server/db/indexes'
import { database } from '../../server/cloud'
import { now, shiftClock } from '../../server/clock'
import { payConfigToEnv } from '../../server/wechatpay'
import { callableFromApp } from '../../scripts/deploy/functions'

export interface StackOptions {
  port?: number
  host?: string
  /** holds the SQLite file and generated dev keys */
  dataDir: string
  /** ':memory:' for throwaway test databases; default <dataDir>/chuzhi.sqlite */
  dbFile?: string
  /** the H5 build to serve; omitted in API-only tests */
  h5Dir?: string
  /** run the built cloudfunctions/<name>/index.js (npm start) or the TypeScript sources (tests) */
  builtFunctions?: boolean
  /** WeChat Pay notification retry clock compression (1 = real time) */
  timeScale?: number
  /** the simulator's PROCESSING → SUCCESS delay for refunds (default 2000 ms × timeScale); tests that settle refunds by hand set it long */
  refundDelayMs?: number
  /** run the cron function every so often; 0 = never */
  cronEveryMs?: number
  seed?: boolean
  log?: (line: string) => void
}

export interface Stack {
  url: string
  cloud: LocalCloud
  /** null when WECHATPAY_BASE_URL points at another v3 server */
  simulator: Simulator | null
  close(): Promise<void>
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * The whole app on one loopback port: the H5 build, every cloud function in-process on the
 * local cloud, the payment notification endpoint, and the WeChat Pay v3 simulator.
 */
export async function startStack(o: StackOptions): Promise<Stack> {
  const log = o.log ?? (() => {})
  const host = o.host ?? '127.0.0.1'
  let route: http.RequestListener = (_req, res) => res.writeHead(503).end()
  const server = http.createServer((req, res) => route(req, res))
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, host, resolve))
  const url = `http://${host}:${(server.address() as AddressInfo).port}`

  const useSimulator = !process.env.WECHATPAY_BASE_URL || process.env.WECHATPAY_BASE_URL.startsWith(url)
  const keys = ensureDevPayConfig(o.dataDir, `${url}/api/pay/notify`, `${url}/`)
  // the functions read their pay configuration from the environment, as in the cloud
  Object.assign(process.env, payConfigToEnv(keys))
  const simulator = useSimulator
    ? createSimulator({
        mchid: keys.mchid,
        appid: keys.appid,
        merchantSerial: keys.merchantSerial,
        merchantPublicKey: keys.merchantPublicKey,
        ...keys.signing,
        keyMode: keys.keyMode,
        apiv3Key: keys.apiv3Key,
        timeScale: o.timeScale ?? 1,
        // read Date.now at each call, so a test that fakes Date (trades "yesterday") moves WeChat Pay's clock too
        now: () => Date.now(),
        ...(o.refundDelayMs !== undefined ? { refundDelayMs: o.refundDelayMs } : {}),
        // WeChat Pay's books live beside ours: a restart (or kill -9) resumes them
        stateFile: o.dbFile === ':memory:' ? undefined : path.join(o.dataDir, 'wechatpay-sim.sqlite')
      })
    : null

  const cloud = createLocalCloud({
    file: o.dbFile ?? path.join(o.dataDir, 'chuzhi.sqlite'),
    functions: loadFunctions(o.builtFunctions ?? false),
    limits: loadLimits(),
    appUrl: url
  })
  const seeded = o.seed !== false && (await seedDemo())
  if (seeded) log('seeded the demo merchant')

  const statics = o.h5Dir ? serveStatic(o.h5Dir) : null
  route = async (req, res) => {
    try {
      // before anything else, the simulator included: see isLoopbackHost
      if (!isLoopbackHost(req.headers.host)) return sendJson(res, 421, failure('FORBIDDEN', '本地服务只接受 localhost 或 127.0.0.1 的访问'))
      const pathname = (req.url ?? '/').split('?')[0]
      if (simulator && (await simulator.handle(req, res))) return
      if (pathname.startsWith('/api/fn/') && req.method === 'POST') return await callFunction(req, res, pathname.slice(8))
      if (pathname === '/api/pay/notify' && req.method === 'POST') return await payNotify(req, res)
      if (pathname === '/api/dev/users' && req.method === 'GET') return await devUsers(res)
      if (pathname.startsWith(FILES_PATH) && (req.method === 'GET' || req.method === 'HEAD')) return storedFile(req, res, pathname.slice(FILES_PATH.length))
      if (pathname === '/api/dev/clock' && req.method === 'POST') return await devClock(req, res)
      if (statics && (req.method === 'GET' || req.method === 'HEAD')) return await statics(req, res)
      sendJson(res, 404, failure('NOT_FOUND', `没有这个接口：${req.method} ${pathname.slice(0, 100)}`))
    } catch (err) {
      if (err instanceof BadRequest) return sendBadRequest(res, err)
      console.error('[local] request failed', err)
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', '本地服务出错，请稍后重试'))
    }
  }

  async function callFunction(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    if (!cloud.has(name)) return sendJson(res, 404, failure('NOT_FOUND', '没有这个云函数'))
    // the same 云函数安全规则 that `npm run deploy` applies in production (scripts/deploy/functions.ts)
    if (!callableFromApp(name)) return sendJson(res, 403, failure('FORBIDDEN', `${name} 不能从小程序调用`))
    const event = await readJsonBody(req)
    const header = req.headers['x-openid']
    const openid = typeof header === 'string' && OPENID.test(header) ? header : undefined
    const result = await cloud.invoke(name, event, { openid, appid: keys.appid, source: 'wx_client' })
    sendJson(res, 200, result)
  }

  async function payNotify(req: http.IncomingMessage, res: http.ServerResponse) {
    const body = await readBody(req)
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v
    const out = (await cloud.invoke('payNotify', { httpMethod: 'POST', path: '/api/pay/notify', headers, body, isBase64Encoded: false }, { source: 'wx_http' })) as {
      statusCode: number
      headers: Record<string, string>
      body: string
    }
    res.writeHead(out.statusCode, out.headers)
    res.end(out.body)
  }

  /** cloud storage's temporary URLs (getTempFileURL) point here: the file, from our own origin */
  function storedFile(req: http.IncomingMessage, res: http.ServerResponse, encoded: string) {
    let cloudPath: string
    try {
      cloudPath = encoded.split('/').map(decodeURIComponent).join('/')
    } catch {
      return sendJson(res, 400, failure('INVALID_INPUT', '文件路径无效'))
    }
    const file = cloud.files.read(cloudPath)
    if (!file) return sendJson(res, 404, failure('NOT_FOUND', '没有这个文件'))
    const type = cloudPath.endsWith('.png') ? 'image/png' : cloudPath.endsWith('.jpg') ? 'image/jpeg' : 'application/octet-stream'
    res.writeHead(200, { 'content-type': type, 'content-length': file.content.length, 'cache-control': 'no-cache' })
    res.end(req.method === 'HEAD' ? undefined : file.content)
  }

  /**
   * Local only: moves the functions' clock (server/clock.ts) by `shiftMs` (0 resets), so a browser
   * journey can reach "after the cooling-off window" (e2e/refund.e2e.js). The WeChat Pay
   * simulator keeps real time: reset before anything it signs is verified.
   */
  async function devClock(req: http.IncomingMessage, res: http.ServerResponse) {
    const body = (await readJsonBody(req)) as { shiftMs?: unknown } | null
    const ms = body?.shiftMs
    if (typeof ms !== 'number' || !Number.isSafeInteger(ms)) return sendJson(res, 400, failure('INVALID_INPUT', 'shiftMs 须为整数毫秒'))
    shiftClock(ms)
    sendJson(res, 200, { ok: true, data: { now: now().toISOString() } })
  }

  async function devUsers(res: http.ServerResponse) {
    const { data } = await database().collection(COLLECTIONS.demoUsers).orderBy('sort', 'asc').limit(100).get()
    const users = (data as Array<{ _id: string; name: string; role: string }>).map((u) => ({ openid: u._id, name: u.name, role: u.role }))
    sendJson(res, 200, { ok: true, data: users })
  }

  // demo members go through recharge, the simulator and checkout, so they need the routes above
  if (seeded && simulator) {
    await seedDemoMembers({
      invoke: (name, event, openid) => cloud.invoke(name, event, { openid, appid: keys.appid, source: 'wx_client' }) as Promise<any>,
      pay: (outTradeNo) => void simulator.pay(outTradeNo),
      idle: () => simulator.idle()
    })
    log('seeded the demo members')
  }

  const cron = o.cronEveryMs
    ? setInterval(() => {
        cloud.invoke('cron', { Type: 'Timer', TriggerName: 'every5min' }, { source: 'wx_trigger' }).catch((err) => console.error('[local] cron failed', err))
        // the daily reconciliation's trigger too: it does nothing before 10:00 or once yesterday is reconciled
        cloud.invoke('cron', { Type: 'Timer', TriggerName: 'recon' }, { source: 'wx_trigger' }).catch((err) => console.error('[local] reconciliation failed', err))
      }, o.cronEveryMs)
    : null

  return {
    url,
    cloud,
    simulator,
    async close() {
      if (cron) clearInterval(cron)
      simulator?.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections?.()
      cloud.close()
    }
  }
}
