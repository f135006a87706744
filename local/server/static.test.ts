import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import type { AddressInfo } from 'net'
import { serveStatic } from './static'
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

