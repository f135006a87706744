import fs from 'fs'
import path from 'path'
import type { IncomingMessage, ServerResponse } from 'http'
import { BadRequest } from './http-util'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

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

/** Serves the H5 build with an index.html fallback (the app routes by hash). */
export function serveStatic(root: string) {
  const base = path.resolve(root)
  return (req: IncomingMessage, res: ServerResponse): void => {
    let urlPath: string
    try {
      urlPath = decodeURIComponent((req.url ?? '/').split('?')[0])
    } catch {
      throw new BadRequest(400, 'INVALID_INPUT', '地址不是有效的 URL 编码')
    }
    const wanted = resolveInside(base, urlPath)
    if (!wanted) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
    let file = wanted
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (path.extname(file)) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
      file = path.join(base, 'index.html')
    }
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('H5 build missing: run npm run build:h5')
      return
    }
    const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cache })
    fs.createReadStream(file).pipe(res)
  }
}
