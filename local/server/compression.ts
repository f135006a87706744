import zlib from 'zlib'
import { promisify } from 'util'

/** Content codings the local server answers with, as a phone's WebView would get them from a CDN. */
export type Encoding = 'br' | 'gzip'

/** Below this, the headers of a compressed answer cost about what compression saves. */
export const MIN_COMPRESS = 1024

/**
 * The encoding to answer with, from Accept-Encoding: brotli when accepted, else gzip, else
 * none. Tokens with q=0 are refused ones, not accepted ones.
 */
export function pickEncoding(header: string | string[] | undefined): Encoding | null {
  const accepted = new Set<string>()
  for (const part of String(header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    if (token && !(q && Number(q.slice(2)) === 0)) accepted.add(token)
  }
  if (accepted.has('br')) return 'br'
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip'
  return null
}

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)
const brotliQuality = (quality: number, size: number) => ({
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size }
})

/**
 * A build file, compressed once and then served from memory: brotli quality 9 is within a
 * few percent of 11 at a fraction of its time on a small machine.
 */
export function compressAsset(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br' ? brotli(body, brotliQuality(9, body.length)) : gzip(body, { level: 9 })
}

/** An API answer, compressed on every request: a fast setting, the answer is small. */
export function compressAnswer(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br' ? zlib.brotliCompressSync(body, brotliQuality(5, body.length)) : zlib.gzipSync(body, { level: 6 })
}
