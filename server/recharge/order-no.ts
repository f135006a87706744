import { randomBytes } from 'crypto'
import { shanghaiDate } from '../../domain/time'

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/**
 * out_trade_no: 'R' + Shanghai date + 12 random characters = 21 characters, inside WeChat's
 * 6–32 of [0-9A-Za-z_-|*]. Random, not sequential, so numbers reveal nothing about volume.
 */
export function newOutTradeNo(at: Date): string {
  const bytes = randomBytes(12)
  let tail = ''
  for (const b of bytes) tail += ALPHABET[b % ALPHABET.length]
  return `R${shanghaiDate(at).replace(/-/g, '')}${tail}`
}
