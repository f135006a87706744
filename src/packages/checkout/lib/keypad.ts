/**
 * The bill keypad's text: what each key does to what is on screen. Pure string work; the fen come
 * from parseYuanInput (services/amount.ts), never from arithmetic here.
 */
export type Key = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'del'

/** ¥999,999.99 at most on the keypad: above any bill a store rings up (the server caps bills lower) */
const MAX_INTEGER_DIGITS = 6

export function pressKey(text: string, key: Key): string {
  if (key === 'del') return text.slice(0, -1)
  const dot = text.indexOf('.')
  if (key === '.') return dot >= 0 ? text : text === '' ? '0.' : `${text}.`
  if (dot >= 0) return text.length - dot - 1 >= 2 ? text : text + key
  if (text === '0') return key // no leading zeros: 0 then 5 is 5
  return text.length >= MAX_INTEGER_DIGITS ? text : text + key
}

export const KEYS: Key[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', 'del']
