/**
 * Random hex ids (document `_id`s, transaction ids, request ids) from a pooled buffer: one
 * `randomFillSync` per 4 KiB instead of a `randomBytes` call per id, which showed up in
 * profiles of the crediting path (a few dozen ids per notification).
 */
import crypto from 'crypto'

const POOL = Buffer.alloc(4096)
let offset = POOL.length

export function randomHex(bytes: number): string {
  if (offset + bytes > POOL.length) {
    crypto.randomFillSync(POOL)
    offset = 0
  }
  const hex = POOL.toString('hex', offset, offset + bytes)
  offset += bytes
  return hex
}
