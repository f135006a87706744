import { fen } from '../../domain/money'
import { AppError } from '../errors'
import { chargeMonth, limitLeft, monthOf, spentIn } from './rules'

// 2026-11-30T16:00Z is 00:00 on 1 December in Shanghai
const LAST_OF_NOV = new Date('2026-11-30T15:59:59.999Z')
const FIRST_OF_DEC = new Date('2026-11-30T16:00:00.000Z')

describe('the month is the calendar month in Asia/Shanghai', () => {
  it('turns at 00:00 Shanghai time on the 1st, not at UTC midnight', () => {
    expect(monthOf(LAST_OF_NOV)).toBe('2026-11')
    expect(monthOf(FIRST_OF_DEC)).toBe('2026-12')
  })

  it("last month's spending is this month's 0", () => {
    const entry = { month: '2026-11', spent: 4000, limit: 5000 }
    expect(spentIn(entry, LAST_OF_NOV)).toBe(4000)
    expect(spentIn(entry, FIRST_OF_DEC)).toBe(0)
    expect(limitLeft(entry, LAST_OF_NOV)).toBe(1000)
    expect(limitLeft(entry, FIRST_OF_DEC)).toBe(5000)
  })
})

describe('chargeMonth', () => {
  it('adds the charge to the month, or starts the month with it', () => {
    expect(chargeMonth({ month: '2026-11', spent: 4000, limit: 5000 }, fen(1000), LAST_OF_NOV)).toEqual({ month: '2026-11', spent: 5000 })
    expect(chargeMonth({ month: '2026-11', spent: 4000, limit: 5000 }, fen(5000), FIRST_OF_DEC)).toEqual({ month: '2026-12', spent: 5000 })
    expect(chargeMonth({ month: '', spent: 0, limit: null }, fen(999_999), FIRST_OF_DEC)).toEqual({ month: '2026-12', spent: 999_999 })
  })

  it('refuses one fen over the limit, whole, saying in Chinese what is left', () => {
    const over = () => chargeMonth({ month: '2026-11', spent: 4000, limit: 5000 }, fen(1001), LAST_OF_NOV)
    expect(over).toThrow(AppError)
    expect(over).toThrow('本月还可用¥10.00')
    try {
      over()
    } catch (e) {
      expect((e as AppError).code).toBe('FAMILY_LIMIT_EXCEEDED')
    }
  })

  it('a limit lowered below what was spent leaves 0, never a negative', () => {
    const entry = { month: '2026-11', spent: 4000, limit: 1000 }
    expect(limitLeft(entry, LAST_OF_NOV)).toBe(0)
    expect(() => chargeMonth(entry, fen(1), LAST_OF_NOV)).toThrow('本月还可用¥0.00')
  })
})
