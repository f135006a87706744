/**
 * Helpers for tests that talk to the simulator: a notify_url receiver and a raw signed
 * request (for inputs the real client refuses to send).
 */
import { createServer, type IncomingHttpHeaders } from 'http'
import { sign } from 'crypto'
import { nonce } from './crypto'

export interface ReceivedNotification {
  headers: IncomingHttpHeaders
  body: string
  at: number
}

/**
 * A tiny notify_url. `answer` picks the HTTP status for the n-th request (0-based),
 * default 200; return 'hang' to never answer (the simulator then times out).
 */
export async function startNotifyReceiver(answer: (n: number, r: ReceivedNotification) => number | 'hang' = () => 200) {
  const received: ReceivedNotification[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() }
      received.push(r)
      const status = answer(received.length - 1, r)
      if (status === 'hang') return
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(status < 300 ? '' : JSON.stringify({ code: 'FAIL', message: '失败' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}/pay/notify`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** Sends a request signed with the merchant key exactly as the v3 scheme says. */
export async function signedRequest(
  base: string,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  body: unknown,
  k: { mchid: string; merchantSerial: string; merchantPrivateKey: string },
  tweak: { signUrl?: string; timestamp?: number; serial?: string; sendBody?: string } = {}
): Promise<{ status: number; headers: Headers; text: string; json: any }> {
  const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
  const ts = tweak.timestamp ?? Math.floor(Date.now() / 1000)
  const n = nonce()
  const url = new URL(pathAndQuery.replace(/^\//, ''), base)
  const signedUrl = tweak.signUrl ?? `${url.pathname}${url.search}`
  const sig = sign('sha256', Buffer.from(`${method}\n${signedUrl}\n${ts}\n${n}\n${payload}\n`), k.merchantPrivateKey).toString('base64')
  const res = await fetch(url, {
    method,
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      Authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${k.mchid}",nonce_str="${n}",signature="${sig}",timestamp="${ts}",serial_no="${tweak.serial ?? k.merchantSerial}"`
    },
    body: method === 'POST' ? (tweak.sendBody ?? payload) : undefined
  })
  const text = await res.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = null
  }
  return { status: res.status, headers: res.headers, text, json }
}
