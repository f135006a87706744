import { parseYuanInput } from '../../../services/amount'
import { pressKey, type Key } from './keypad'

const type = (keys: string) => [...keys].reduce((t, k) => pressKey(t, (k === '<' ? 'del' : k) as Key), '')
const fen = (keys: string) => {
  const p = parseYuanInput(type(keys))
  return p.ok ? p.fen : null
}

test('typed keys become fen exactly, with no float on the way', () => {
  expect(fen('120')).toBe(12000)
  expect(fen('0.1')).toBe(10)
  expect(fen('.07')).toBe(7)
  expect(fen('19.99')).toBe(1999)
  expect(fen('1.1')).toBe(110)
  // 0.1 + 0.2 style sums never happen: 0.30 is 30 fen
  expect(fen('0.30')).toBe(30)
})

test('at most two decimals, one dot, no leading zero, six integer digits', () => {
  expect(type('12.345')).toBe('12.34')
  expect(type('1..2')).toBe('1.2')
  expect(type('007')).toBe('7')
  expect(type('1234567')).toBe('123456')
  expect(type('.')).toBe('0.')
})

test('delete removes the last key, and on an empty amount does nothing', () => {
  expect(type('12.5<')).toBe('12.')
  expect(type('12.5<<')).toBe('12')
  expect(type('<')).toBe('')
  expect(fen('5<')).toBeNull()
})
