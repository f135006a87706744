import http from 'http'

export interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  json(): any
}

/**
 * One raw HTTP request: the path is sent as written (no normalising of `..`), any Host header
 * can be set, and a body can be streamed in chunks, as an attacker's client would.
 */
export function request(
  url: string,
  o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer | Buffer[] }
): Promise<Answer> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method: o.method ?? 'GET', path: o.path, headers: o.headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    const parts = o.body === undefined ? [] : Array.isArray(o.body) ? o.body : [o.body]
    for (const p of parts) req.write(p)
    req.end()
  })
}
