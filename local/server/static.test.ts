import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import zlib from 'zlib'
import type { AddressInfo } from 'net'
import { serveStatic } from './static'
import { pickEncoding } from './compression'
import { request } from './test-http'

// A build folder with neighbours whose names start like it: a bare prefix check let
// `/../dist-h5-x/secret.txt` and `/../dist-h5.key` through.
const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-static-'))
const dist = path.join(parent, 'dist-h5')
const APP_JS = `/* app */\n${Array.from({ length: 2000 }, (_, i) => `export const item${i} = "第${i}项";`).join('\n')}\n`
const INDEX = '<!doctype html><html><head><script src="/js/app.1a2b3c4d.js"></script></head><body></body></html>'.padEnd(2048, ' ')
let url: string
let server: http.Server

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'js'), { recursive: true })
  fs.writeFileSync(path.join(dist, 'index.html'), INDEX)
  fs.writeFileSync(path.join(dist, 'js', 'app.1a2b3c4d.js'), APP_JS)
  fs.writeFileSync(path.join(dist, 'small.json'), '{"a":1}')
  fs.writeFileSync(path.join(dist, '.chuzhi-build.json'), '{"mode":"production"}')
  fs.mkdirSync(path.join(parent, 'dist-h5-x'))
  fs.writeFileSync(path.join(parent, 'dist-h5-x', 'secret.txt'), 'SECRET-neighbour-dir')
  fs.writeFileSync(path.join(parent, 'dist-h5.key'), 'SECRET-neighbour-file')
  const statics = serveStatic(dist)
  server = http.createServer((req, res) => Promise.resolve(statics(req, res)).catch(() => res.writeHead(500).end()))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  fs.rmSync(parent, { recursive: true, force: true })
})

const get = (p: string, headers: Record<string, string> = {}) => request(url, { path: p, headers })

describe('the static server serves only the build folder', () => {
  it.each(['/../dist-h5-x/secret.txt', '/../dist-h5.key', '/%2e%2e/dist-h5.key', '/..%2fdist-h5-x%2fsecret.txt', '/js/../../dist-h5.key'])(
    'a path outside it (%s) is not found',
    async (p) => {
      const r = await get(p)
      expect(r.status).toBe(404)
      expect(r.body.toString()).not.toContain('SECRET')
    }
  )

  it('does not serve dotfiles such as the build stamp', async () => {
    const r = await get('/.chuzhi-build.json')
    expect(r.status).toBe(404)
    expect(r.body.toString()).not.toContain('production')
  })

  it('answers index.html for app routes and 404 for a missing asset', async () => {
    expect((await get('/some/route')).body.toString()).toBe(INDEX)
    expect((await get('/js/app.00000000.js')).status).toBe(404)
  })
})

describe('compression by Accept-Encoding', () => {
  it('a request accepting gzip gets a gzipped body that decompresses to the file', async () => {
    const r = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate' })
    expect(r.status).toBe(200)
    expect(r.headers['content-encoding']).toBe('gzip')
    expect(r.headers.vary).toBe('Accept-Encoding')
    expect(zlib.gunzipSync(r.body).toString()).toBe(APP_JS)
    expect(r.body.length).toBeLessThan(APP_JS.length / 3)
  })

  it('a request accepting brotli gets a brotli body that decompresses to the file', async () => {
    const r = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(r.headers['content-encoding']).toBe('br')
    expect(zlib.brotliDecompressSync(r.body).toString()).toBe(APP_JS)
  })

  it('index.html is compressed too, and the same answer comes from memory the second time', async () => {
    const first = await get('/', { 'accept-encoding': 'gzip' })
    const second = await get('/', { 'accept-encoding': 'gzip' })
    expect(zlib.gunzipSync(first.body).toString()).toBe(INDEX)
    expect(second.body.equals(first.body)).toBe(true)
  })

  it('without Accept-Encoding, or with it refused by q=0, the file comes as is', async () => {
    for (const headers of [{}, { 'accept-encoding': 'gzip;q=0, br;q=0' }, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const r = await get('/js/app.1a2b3c4d.js', headers)
      expect(r.headers['content-encoding']).toBeUndefined()
      expect(r.body.toString()).toBe(APP_JS)
      expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(APP_JS))
    }
  })

  it('tiny files are not compressed', async () => {
    const r = await get('/small.json', { 'accept-encoding': 'gzip' })
    expect(r.headers['content-encoding']).toBeUndefined()
    expect(r.body.toString()).toBe('{"a":1}')
  })

  it('reads Accept-Encoding the way browsers send it', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(pickEncoding('gzip')).toBe('gzip')
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip')
    expect(pickEncoding('*')).toBe('gzip')
    expect(pickEncoding(undefined)).toBeNull()
    expect(pickEncoding('identity')).toBeNull()
  })
})

describe('caching', () => {
  it('hashed assets are cached for a year as immutable', async () => {
    const r = await get('/js/app.1a2b3c4d.js')
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('index.html is revalidated every time, and answers 304 when unchanged', async () => {
    const r = await get('/')
    expect(r.headers['cache-control']).toBe('no-cache')
    expect(r.headers.etag).toBeTruthy()
    expect(r.headers['last-modified']).toBeTruthy()
    const byEtag = await get('/', { 'if-none-match': r.headers.etag as string, 'accept-encoding': 'gzip' })
    expect(byEtag.status).toBe(304)
    expect(byEtag.body.length).toBe(0)
    const byDate = await get('/', { 'if-modified-since': r.headers['last-modified'] as string })
    expect(byDate.status).toBe(304)
  })

  it('a changed file gets a new ETag and a full answer', async () => {
    const file = path.join(dist, 'index.html')
    const before = await get('/')
    try {
      fs.writeFileSync(file, INDEX.replace('<body>', '<body>新'))
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5000))
      const after = await get('/', { 'if-none-match': before.headers.etag as string })
      expect(after.status).toBe(200)
      expect(after.headers.etag).not.toBe(before.headers.etag)
      expect(after.body.toString()).toContain('<body>新')
    } finally {
      fs.writeFileSync(file, INDEX)
    }
  })
})
