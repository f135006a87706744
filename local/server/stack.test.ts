import fs from 'fs'
import os from 'os'
import path from 'path'
import zlib from 'zlib'
import { startTestStack, type TestStack } from '../../test/stack'
import { MAX_BODY, MAX_DEPTH, jsonDepth } from './http-util'
import { request } from './test-http'

// The whole local server on port 0, as `npm start` runs it, with a small H5 build to serve.
let stack: TestStack
let h5Dir: string

beforeAll(async () => {
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-h5-'))
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>储值</title>')
  stack = await startTestStack({ h5Dir })
})

afterAll(async () => {
  await stack?.close()
  fs.rmSync(h5Dir, { recursive: true, force: true })
})

const host = () => new URL(stack.url).host
const post = (p: string, body: string | Buffer[], headers: Record<string, string> = {}) =>
  request(stack.url, { method: 'POST', path: p, body, headers: { 'content-type': 'application/json', ...headers } })

const isChinese = (s: string) => /[\u4e00-\u9fff]/.test(s)

describe('only loopback hosts are answered (DNS rebinding)', () => {
  it.each(['evil.example', 'evil.example:80', 'localhost.evil.example', '127.0.0.1.nip.io', '10.0.0.5', 'attacker.test:' + 8080])(
    'Host %s is refused with 421 on pages, functions and dev users',
    async (evil) => {
      for (const [method, p] of [
        ['GET', '/'],
        ['GET', '/api/dev/users'],
        ['POST', '/api/fn/wallet']
      ] as const) {
        const r = await request(stack.url, { method, path: p, headers: { host: evil, 'x-openid': 'demo-member' }, body: method === 'POST' ? '{"action":"balance"}' : undefined })
        expect(r.status).toBe(421)
        expect(r.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } })
        expect(isChinese(r.json().error.message)).toBe(true)
      }
    }
  )

  it.each(['localhost', 'LOCALHOST:3000', '127.0.0.1', '127.0.0.1:1', '[::1]', '[::1]:8080'])('Host %s is answered', async (ok) => {
    const r = await request(stack.url, { path: '/api/dev/users', headers: { host: ok } })
    expect(r.status).toBe(200)
    expect(r.json().ok).toBe(true)
  })
})

describe('request bodies', () => {
  it('a body over 1 MB gets 413 and a Chinese error envelope, not a reset connection', async () => {
    // streamed in 64 KB chunks, as a client sending a large event would
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const big = [Buffer.from('{"action":"balance","pad":"'), ...Array.from({ length: 24 }, () => chunk), Buffer.from('"}')]
    expect(big.reduce((n, b) => n + b.length, 0)).toBeGreaterThan(MAX_BODY)
    for (const p of ['/api/fn/wallet', '/api/pay/notify']) {
      const r = await post(p, big)
      expect(r.status).toBe(413)
      expect(r.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.any(String) } })
      expect(isChinese(r.json().error.message)).toBe(true)
    }
  })

  it('a body of exactly 1 MB is still read', async () => {
    const head = '{"action":"balance","pad":"'
    const body = head + 'a'.repeat(MAX_BODY - head.length - 2) + '"}'
    expect(Buffer.byteLength(body)).toBe(MAX_BODY)
    const r = await post('/api/fn/wallet', body, { 'x-openid': 'demo-member' })
    expect(r.status).toBe(200)
  })

  it('a deeply nested body answers INVALID_INPUT 400, not a 500', async () => {
    const deep = `{"action":"balance","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`
    const r = await post('/api/fn/wallet', deep, { 'x-openid': 'demo-member' })
    expect(r.status).toBe(400)
    expect(r.json().error.code).toBe('INVALID_INPUT')
    expect(isChinese(r.json().error.message)).toBe(true)
  })

  it('nesting up to the limit is accepted', async () => {
    const atLimit = `{"action":"balance","x":${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}}`
    expect(jsonDepth(atLimit)).toBe(MAX_DEPTH)
    const r = await post('/api/fn/wallet', atLimit, { 'x-openid': 'demo-member' })
    expect(r.status).toBe(200)
  })

  it('a body that is not JSON answers INVALID_INPUT 400 in Chinese', async () => {
    const r = await post('/api/fn/wallet', '{"action":', { 'x-openid': 'demo-member' })
    expect(r.status).toBe(400)
    expect(r.json().error.code).toBe('INVALID_INPUT')
    expect(isChinese(r.json().error.message)).toBe(true)
  })

  it('brackets inside strings do not count as nesting', () => {
    expect(jsonDepth('{"a":"[[[[{{{{\\"[[["}')).toBe(1)
    expect(jsonDepth('[[1],[[2]]]')).toBe(3)
  })
})

describe('function answers', () => {
  it('a large answer is gzipped for a request that accepts gzip, and decompresses to the envelope', async () => {
    const plain = await post('/api/fn/recharge', '{"action":"plans"}', { 'x-openid': 'demo-member' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.length).toBeGreaterThan(1024)
    const zipped = await post('/api/fn/recharge', '{"action":"plans"}', { 'x-openid': 'demo-member', 'accept-encoding': 'gzip' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.body.length).toBeLessThan(plain.body.length)
    const envelope = JSON.parse(zlib.gunzipSync(zipped.body).toString('utf8'))
    expect(envelope.ok).toBe(true)
    expect(envelope).toEqual(plain.json())
  })
})

describe('the static part of the stack', () => {
  it('a malformed URL escape answers 400, not a 500', async () => {
    const r = await request(stack.url, { path: '/%E0%A4%A', headers: { host: host() } })
    expect(r.status).toBe(400)
    expect(r.json().error.code).toBe('INVALID_INPUT')
  })

  it('serves the H5 build to a loopback host', async () => {
    const r = await request(stack.url, { path: '/', headers: { host: host() } })
    expect(r.status).toBe(200)
    expect(r.body.toString()).toContain('储值')
  })
})

describe('functions the mini-program may not call (云函数安全规则, scripts/deploy/functions.ts)', () => {
  it.each(['payNotify', 'cron'])('%s is refused from the app and runs nothing', async (name) => {
    const r = await post(`/api/fn/${name}`, '{"Type":"Timer"}', { 'x-openid': 'demo-member' })
    expect(r.status).toBe(403)
    expect(r.json().error.code).toBe('FORBIDDEN')
  })

  it('a function the app may call is answered', async () => {
    const r = await post('/api/fn/wallet', '{"action":"balance"}', { 'x-openid': 'demo-member' })
    expect(r.status).toBe(200)
  })
})

describe('/api/dev/clock (local only)', () => {
  it('moves the functions’ clock, also inside a bundle with its own copy of server/clock, and 0 resets it', async () => {
    const { now } = await import('../../server/clock')
    const day = 24 * 3600 * 1000
    try {
      const r = await post('/api/dev/clock', JSON.stringify({ shiftMs: 8 * day }))
      expect(r.status).toBe(200)
      expect(new Date(r.json().data.now).getTime() - Date.now()).toBeGreaterThan(8 * day - 60_000)
      expect(now().getTime() - Date.now()).toBeGreaterThan(8 * day - 60_000)
      // a bundled function reads the same offset: it lives on globalThis
      jest.isolateModules(() => {
        const copy = require('../../server/clock') as typeof import('../../server/clock')
        expect(copy.now().getTime() - Date.now()).toBeGreaterThan(8 * day - 60_000)
      })
      expect((await post('/api/dev/clock', JSON.stringify({ shiftMs: 'soon' }))).status).toBe(400)
    } finally {
      await post('/api/dev/clock', JSON.stringify({ shiftMs: 0 }))
    }
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(60_000)
  })
})
