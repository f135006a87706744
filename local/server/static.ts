import fs from 'fs'
import path from 'path'
import type { IncomingMessage, ServerResponse } from 'http'
import { BadRequest } from './http-util'
import { compressAsset, MIN_COMPRESS, pickEncoding, type Encoding } from './compression'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}
/** Text compresses to a third or less; images and woff2 are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.ico', '.ttf'])
/** The build names every js/css/image file by its content hash (config/index.ts): `app.1a2b3c4d.js`. */
const HASHED = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i

/**
 * The file under base that a URL path names, or null when it names something outside base
 * (`/../dist-h5-x/secret.txt` once passed a bare prefix check) or a dotfile (the build stamp).
 */
export function resolveInside(base: string, urlPath: string): string | null {
  const file = path.join(base, urlPath)
  if (file !== base && !file.startsWith(base + path.sep)) return null
  if (path.relative(base, file).split(path.sep).some((seg) => seg.startsWith('.'))) return null
  return file
}

function statFile(file: string): fs.Stats | null {
  try {
    const st = fs.statSync(file)
    return st.isFile() ? st : null
  } catch {
    return null
  }
}

/**
 * Serves the H5 build: compressed by Accept-Encoding (each file compressed once, then from
 * memory), hashed assets cached for a year, everything else (index.html) revalidated by ETag
 * and Last-Modified. Paths without an extension fall back to index.html (the app routes by hash).
 */
export function serveStatic(root: string) {
  const base = path.resolve(root)
  const compressed = new Map<string, { version: string; body: Promise<Buffer> }>()

  function compressedBody(file: string, version: string, encoding: Encoding): Promise<Buffer> {
    const key = `${file}\0${encoding}`
    const hit = compressed.get(key)
    if (hit && hit.version === version) return hit.body
    const body = fs.promises.readFile(file).then((b) => compressAsset(b, encoding))
    compressed.set(key, { version, body })
    body.catch(() => compressed.delete(key))
    return body
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let urlPath: string
    try {
      urlPath = decodeURIComponent((req.url ?? '/').split('?')[0])
    } catch {
      throw new BadRequest(400, 'INVALID_INPUT', '地址不是有效的 URL 编码')
    }
    const wanted = resolveInside(base, urlPath)
    if (!wanted) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
    let file = wanted
    let st = statFile(file)
    if (!st && !path.extname(file)) st = statFile((file = path.join(base, 'index.html')))
    if (!st) {
      const missing = file.endsWith('index.html') ? 'H5 build missing: run npm start (or npm run build:h5)' : 'not found'
      return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(missing)
    }

    const ext = path.extname(file)
    const version = `${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}`
    const etag = `W/"${version}"`
    const lastModified = new Date(Math.floor(st.mtimeMs / 1000) * 1000)
    const headers: Record<string, string | number> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': HASHED.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      'last-modified': lastModified.toUTCString()
    }
    const compressible = COMPRESSIBLE.has(ext) && st.size >= MIN_COMPRESS
    if (compressible) headers.vary = 'Accept-Encoding'

    if (notModified(req, etag, lastModified)) return void res.writeHead(304, headers).end()

    const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : null
    if (!encoding) {
      res.writeHead(200, { ...headers, 'content-length': st.size })
      if (req.method === 'HEAD') return void res.end()
      return void fs.createReadStream(file).pipe(res)
    }
    const body = await compressedBody(file, version, encoding)
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since when both are sent. */
function notModified(req: IncomingMessage, etag: string, lastModified: Date): boolean {
  const inm = req.headers['if-none-match']
  if (inm !== undefined) return inm.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''))
  const ims = req.headers['if-modified-since']
  if (ims === undefined) return false
  const since = Date.parse(ims)
  return !Number.isNaN(since) && lastModified.getTime() <= since
}
