import { render } from '@testing-library/react'
import Money from '.'
import { fen } from '../../../domain/money'

const shown = (f: number) => render(<Money fen={fen(f)} />).container.textContent

test('zero shows as ¥0.00, not "¥0." (NutUI Price drops the decimals of a price equal to 0)', () => {
  expect(shown(0)).toBe('¥0.00')
})

test('amounts show to the fen with thousands separators, from the exact string', () => {
  expect(shown(1)).toBe('¥0.01')
  expect(shown(10)).toBe('¥0.10')
  expect(shown(123_450)).toBe('¥1,234.50')
  expect(shown(999_999_999)).toBe('¥9,999,999.99')
})
