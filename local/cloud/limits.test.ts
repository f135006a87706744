import http from 'http'
import type { AddressInfo } from 'net'
import { cloud, openCloud, rejection } from './test-kit'
import { FunctionTimeoutError, UnsupportedRuntimeError, type LateWork } from './runtime'
import { esbuildTarget, functionLimits, limitsFor, runtimeProblem } from '../../scripts/cloudbaserc'

/**
 * The platform limits the local cloud enforces (docs/local-cloud.md, "Runtime limits"). No test
 * here depends on the machine's speed: timeouts are proven with functions that never resolve,
 * and "late" work is released by the test itself after the function has returned.
 */
let t: ReturnType<typeof openCloud>
let late: LateWork[]
const never = () => new Promise<never>(() => {})

beforeEach(() => {
  late = []
  t = openCloud({ onLateWork: (w) => late.push(w) })
})
afterEach(() => t.local.close())

/** A promise the test resolves by hand, to order work after a function's return without timers. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => (open = r))
  return { open, opened }
}

describe('timeout', () => {
  it('abandons an invocation past its timeout and rejects like CloudBase (-504003, Invoking task timed out)', async () => {
    t.local.register('stuck', never, { timeout: 0.05 })
    const err = await rejection(t.local.invoke('stuck', {}))
    expect(err).toBeInstanceOf(FunctionTimeoutError)
    expect(err).toMatchObject({ code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', errCode: -504003, statusCode: 433, errMsg: 'Invoking task timed out after 0.05 seconds' })
    expect(err.message).toBe('errCode: -504003  | errMsg: Invoking task timed out after 0.05 seconds')
  })

  it('refuses what the abandoned code still tries on the platform, and reports it', async () => {
    const g = gate()
    let lateWrite: Promise<unknown> | undefined
    t.local.register(
      'slow',
      async () => {
        await g.opened
        lateWrite = t.db.collection('members').add({ data: { _id: 'late', n: 1 } })
        return lateWrite
      },
      { timeout: 0.05 }
    )
    await rejection(t.local.invoke('slow', {}))
    g.open()
    await g.opened
    await rejection((async () => {
      while (!lateWrite) await Promise.resolve()
      return lateWrite
    })())
    expect((await t.db.collection('members').doc('late').get()).data).toBeNull()
    expect(late).toEqual([{ function: 'slow', requestId: expect.any(String), after: 'timed out', what: 'db:database.insertDocument' }])
  })

  it('a function calling a timed-out one gets CloudBase’s FUNCTIONS_TIME_LIMIT_EXCEEDED message', async () => {
    t.local.register('stuck', never, { timeout: 0.05 })
    t.local.register('outer', () => rejection(cloud.callFunction({ name: 'stuck', data: {} }) as Promise<unknown>).then((e) => e.errMsg))
    expect(await t.local.invoke('outer', {})).toMatch(/^callFunction:fail .*requestID \w+, Invoking task timed out after 0\.05 seconds/)
  })

  it('hands the function its configured memory and time limit, as the cloud’s context does', async () => {
    t.local.register('ctx', (_e: unknown, context: any) => [context.memory_limit_in_mb, context.time_limit_in_ms], { timeout: 60, memorySize: 512 })
    expect(await t.local.invoke('ctx', {})).toEqual([512, 60_000])
  })
})

describe('runtime', () => {
  it('refuses to run a function configured for a runtime older than Nodejs16.13', async () => {
    t.local.register('old', () => 'ran', { runtime: 'Nodejs10.15' })
    const err = await rejection(t.local.invoke('old', {}))
    expect(err).toBeInstanceOf(UnsupportedRuntimeError)
    expect(err.message).toMatch(/runtime Nodejs10\.15 is older than Nodejs16\.13/)
    t.local.register('ok', () => 'ran', { runtime: 'Nodejs18.15' })
    expect(await t.local.invoke('ok', {})).toBe('ran')
  })

  it('reads runtime, timeout and memory from cloudbaserc.json; an unlisted function gets the CLI default (Nodejs10.15, 3 s)', () => {
    const rc = JSON.stringify({ functions: [{ name: 'a', runtime: 'Nodejs18.15', timeout: 60, memorySize: 512, handler: 'index.main' }] })
    expect(limitsFor('a', functionLimits(rc))).toEqual({ runtime: 'Nodejs18.15', timeout: 60, memorySize: 512 })
    expect(limitsFor('b', functionLimits(rc))).toEqual({ runtime: 'Nodejs10.15', timeout: 3, memorySize: 256 })
    expect(runtimeProblem('Nodejs16.13')).toBeNull()
    expect(runtimeProblem('Nodejs12.16')).toMatch(/older than Nodejs16\.13/)
    expect(runtimeProblem('Python3.9')).toMatch(/not a CloudBase Node\.js runtime/)
    expect(esbuildTarget('Nodejs18.15')).toBe('node18.15')
  })

  it('every function in cloudfunctions/ is configured in the committed cloudbaserc.json with a supported runtime', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { functionNames } = require('../server/functions') as typeof import('../server/functions')
    const configured = functionLimits()
    for (const name of functionNames()) {
      expect([name, configured[name] && runtimeProblem(configured[name].runtime)]).toEqual([name, null])
    }
  })
})

describe('work after a function returned', () => {
  it('reports database and open API calls started by a function but made after it returned', async () => {
    const g = gate()
    let background: Promise<unknown> | undefined
    t.local.register('leaky', async () => {
      background = g.opened.then(async () => {
        await t.db.collection('members').add({ data: { _id: 'bg', n: 1 } })
        await (cloud.openapi as any).urllink.generate({ path: 'pages/index' })
      })
      return 'answered'
    })
    expect(await t.local.invoke('leaky', {})).toBe('answered')
    expect(late).toEqual([])
    g.open()
    await background
    expect(late.map((w) => [w.function, w.after, w.what])).toEqual([
      ['leaky', 'returned', 'db:database.insertDocument'],
      ['leaky', 'returned', 'openapi:urllink.generate']
    ])
    expect(t.local.lateWork).toEqual(late)
  })

  it('reports timers still firing after the return when they reach the platform', async () => {
    let fired!: () => void
    const done = new Promise<void>((r) => (fired = r))
    t.local.register('timer', () => {
      setTimeout(() => void t.db.collection('members').doc('x').get().then(fired), 0)
      return 'answered'
    })
    await t.local.invoke('timer', {})
    await done
    expect(late.map((w) => w.what)).toEqual(['db:database.getDocument'])
  })

  it('reports outbound HTTP requests made after the return', async () => {
    const server = http.createServer((_req, res) => res.end('ok'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/ping`
      const g = gate()
      let background: Promise<unknown> | undefined
      t.local.register('http', async () => {
        await new Promise<void>((r) => http.get(url, (res) => res.resume().on('end', r)))
        background = g.opened.then(() => new Promise<void>((r) => http.get(url, (res) => res.resume().on('end', r))))
        return 'answered'
      })
      await t.local.invoke('http', {})
      expect(late).toEqual([])
      g.open()
      await background
      expect(late.map((w) => w.what)).toEqual([expect.stringMatching(/^http:GET 127\.0\.0\.1.*\/v3\/ping$/)])
    } finally {
      await new Promise((r) => server.close(r))
    }
  })

  it('awaited work is not late, and the default report is a console warning', async () => {
    const local = t.local
    local.close()
    t = openCloud()
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      t.local.register('tidy', async () => t.db.collection('members').add({ data: { _id: 'tidy' } }))
      await t.local.invoke('tidy', {})
      expect(t.local.lateWork).toEqual([])
      const g = gate()
      let background: Promise<unknown> | undefined
      t.local.register('leaky', () => void (background = g.opened.then(() => t.db.collection('members').doc('tidy').get())))
      await t.local.invoke('leaky', {})
      g.open()
      await background
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[local cloud\] leaky \(request \w+\) made db:database\.getDocument after it returned/))
    } finally {
      warn.mockRestore()
    }
  })
})

it('a closed cloud refuses to run functions (a test that outlived its stack fails instead of carrying on)', async () => {
  t.local.register('f', () => 'ran')
  t.local.close()
  await expect(t.local.invoke('f', {})).rejects.toThrow(/local cloud: closed/)
  t = openCloud()
})
