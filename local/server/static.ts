import fs from 'fs'
import path from 'path'
import type { IncomingMessage, ServerResponse } from 'http'

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

/** Serves the H5 build with an index.html fallback (the app routes by hash). */
export function serveStatic(root: string) {
  const base = path.resolve(root)
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0])
    let file = path.join(base, url)
    if (!file.startsWith(base)) {
      res.writeHead(403).end()
      return
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(base, 'index.html')
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('H5 build missing: run npm run build:h5')
      return
    }
    const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cache })
    fs.createReadStream(file).pipe(res)
  }
}
