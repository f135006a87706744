import type { IncomingMessage, ServerResponse } from 'http'
import type { ErrorCode } from '../../contracts/result'
import { compressAnswer, MIN_COMPRESS, pickEncoding } from './compression'

/** The largest request body the local server reads; WeChat's own callFunction limit is lower. */
export const MAX_BODY = 1024 * 1024
/**
 * How deep an event may nest. Real events are three or four levels deep; thousands of levels
 * overflowed the stack somewhere between the parser and the function and answered a 500.
 */
export const MAX_DEPTH = 32
/** Past this much, an oversized body is cut off instead of read to its end for a clean 413. */
const MAX_DRAIN = 16 * MAX_BODY

/** A request the server answers with `status` and an error envelope, not a 500. */
export class BadRequest extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
  }
}

const tooLarge = () => new BadRequest(413, 'INVALID_INPUT', `请求内容超过 ${MAX_BODY / 1024 / 1024} MB，请精简后重试`)

/**
 * The request body as text, at most MAX_BODY bytes. A larger body is read to its end and
 * dropped, so the client gets the 413 instead of a reset connection while it is still sending.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_DRAIN) {
      // not worth reading: answer now, the connection closes after the answer
      reject(tooLarge())
      return
    }
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_DRAIN) {
        req.destroy()
        return
      }
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => (size > MAX_BODY ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
    req.on('close', () => {
      if (size > MAX_DRAIN) reject(tooLarge())
    })
  })
}

/**
 * How deeply a JSON text nests its arrays and objects, counted without parsing it (brackets
 * inside strings do not count), so a hostile body is refused before anything recurses into it.
 */
export function jsonDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth)
    else if (c === 0x7d || c === 0x5d) depth--
  }
  return max
}

/** The body parsed as a JSON event: {} when empty, BadRequest when too large, too deep or not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req)
  if (!text) return {}
  if (jsonDepth(text) > MAX_DEPTH) throw new BadRequest(400, 'INVALID_INPUT', `请求内容嵌套超过 ${MAX_DEPTH} 层`)
  try {
    return JSON.parse(text)
  } catch {
    throw new BadRequest(400, 'INVALID_INPUT', '请求内容不是有效的 JSON')
  }
}

/** A JSON answer, compressed when it is large enough and the request accepts it. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  let payload: Buffer = Buffer.from(JSON.stringify(body), 'utf8')
  const out: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', ...headers }
  const encoding = payload.length >= MIN_COMPRESS ? pickEncoding(res.req?.headers['accept-encoding']) : null
  if (encoding) {
    payload = compressAnswer(payload, encoding)
    out['content-encoding'] = encoding
    out.vary = 'Accept-Encoding'
  }
  res.writeHead(status, { ...out, 'content-length': payload.length })
  res.end(payload)
}

export const failure = (code: ErrorCode, message: string) => ({ ok: false, error: { code, message } })

/** Answers a BadRequest with its status and envelope; anything else is not ours to answer. */
export function sendBadRequest(res: ServerResponse, err: BadRequest): void {
  // a body cut off unread leaves the connection unusable for another request
  const close = err.status === 413 ? { connection: 'close' } : undefined
  sendJson(res, err.status, failure(err.code, err.message), close)
}

/**
 * Hosts the local server answers to. A browser tab on any other site can make its own domain
 * resolve to 127.0.0.1 (DNS rebinding) and then call this server as same-origin; its requests
 * still carry that site's name in Host, so refusing every other Host keeps them out, while
 * X-Openid lets a caller pick any demo user.
 */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i

export const isLoopbackHost = (host: string | undefined): boolean => typeof host === 'string' && LOOPBACK_HOST.test(host)
