import { parseYuanInput } from './amount'

describe('parseYuanInput turns typed yuan into integer fen without floats', () => {
  test.each([
    ['12.5', 1250],
    ['12.50', 1250],
    ['12.05', 1205],
    ['12.', 1200],
    ['0.01', 1],
    ['0.1', 10],
    ['100', 10000],
    [' 100 ', 10000],
    ['007', 700],
    ['0', 0],
    // 0.1 + 0.2 style float traps stay exact
    ['0.29', 29],
    ['1.13', 113],
    ['99999999.99', 9999999999]
  ])('%p → %p fen', (text, fen) => {
    expect(parseYuanInput(text)).toEqual({ ok: true, fen })
  })

  test.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['12.505', 'TOO_MANY_DECIMALS'],
    ['0.001', 'TOO_MANY_DECIMALS'],
    ['abc', 'INVALID'],
    ['-5', 'INVALID'],
    ['+5', 'INVALID'],
    ['1e3', 'INVALID'],
    ['.5', 'INVALID'],
    ['1,000', 'INVALID'],
    ['12.5.1', 'INVALID'],
    ['１２', 'INVALID'],
    ['¥12', 'INVALID'],
    ['100000000', 'TOO_LARGE'],
    ['99999999999999999999', 'TOO_LARGE']
  ])('%p is refused with %p', (text, error) => {
    expect(parseYuanInput(text)).toEqual({ ok: false, error })
  })
})
