import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import fc from 'fast-check'
import {
  addDays,
  isWithin,
  parseInstant,
  shanghaiDate,
  shanghaiDateWindow,
  shanghaiDayStart,
  toShanghaiISO,
  TimeError
} from './time'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Runs `fn` with the host in another zone; Node re-reads TZ on change. */
function withHostTZ<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ
  process.env.TZ = tz
  try {
    return fn()
  } finally {
    if (before === undefined) delete process.env.TZ
    else process.env.TZ = before
  }
}

const HOST_ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Pacific/Kiritimati']

describe('shanghaiDayStart', () => {
  it('is 16:00 UTC of the previous day', () => {
    expect(shanghaiDayStart('2026-11-01').toISOString()).toBe('2026-10-31T16:00:00.000Z')
    expect(shanghaiDayStart('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(shanghaiDayStart('2028-02-29').toISOString()).toBe('2028-02-28T16:00:00.000Z')
  })

  it('does not depend on the host time zone (a US host crossing its own DST change included)', () => {
    for (const tz of HOST_ZONES) {
      withHostTZ(tz, () => {
        expect(shanghaiDayStart('2026-11-01').toISOString()).toBe('2026-10-31T16:00:00.000Z')
        expect(shanghaiDayStart('2026-03-08').toISOString()).toBe('2026-03-07T16:00:00.000Z')
        expect(toShanghaiISO(new Date('2026-03-08T07:30:00Z'))).toBe('2026-03-08T15:30:00.000+08:00')
      })
    }
  })

  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    expect(() => shanghaiDayStart('2026-02-30')).toThrow(TimeError)
    expect(() => shanghaiDayStart('2027-02-29')).toThrow(TimeError)
    expect(() => shanghaiDayStart('2026-13-01')).toThrow(TimeError)
    expect(() => shanghaiDayStart('2026-1-01')).toThrow(TimeError)
    expect(() => shanghaiDayStart('2026-11-01T00:00:00Z')).toThrow(TimeError)
  })

  it('agrees with the dayjs timezone plugin for every day over several years', () => {
    let d = dayjs.utc('2024-01-01')
    for (let i = 0; i < 365 * 4; i++, d = d.add(1, 'day')) {
      const date = d.format('YYYY-MM-DD')
      expect(shanghaiDayStart(date).getTime()).toBe(dayjs.tz(date, 'Asia/Shanghai').valueOf())
    }
  })
})

describe('toShanghaiISO and shanghaiDate across midnight', () => {
  it('15:59:59.999Z is still the previous Shanghai day; 16:00Z is the next', () => {
    const before = new Date('2026-10-31T15:59:59.999Z')
    const at = new Date('2026-10-31T16:00:00.000Z')
    expect(toShanghaiISO(before)).toBe('2026-10-31T23:59:59.999+08:00')
    expect(shanghaiDate(before)).toBe('2026-10-31')
    expect(toShanghaiISO(at)).toBe('2026-11-01T00:00:00.000+08:00')
    expect(shanghaiDate(at)).toBe('2026-11-01')
  })

  it('a UTC date of the 1st can already be the 2nd in Shanghai', () => {
    const d = new Date('2026-11-01T20:00:00Z')
    expect(d.toISOString().slice(0, 10)).toBe('2026-11-01')
    expect(shanghaiDate(d)).toBe('2026-11-02')
  })

  it('round-trips through parseInstant for any instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }), (ms) => {
        const d = new Date(ms)
        const iso = toShanghaiISO(d)
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/)
        expect(parseInstant(iso).getTime()).toBe(ms)
        expect(shanghaiDayStart(shanghaiDate(d)).getTime()).toBeLessThanOrEqual(ms)
        expect(addDays(shanghaiDayStart(shanghaiDate(d)), 1).getTime()).toBeGreaterThan(ms)
      })
    )
  })

  it('sorts as strings in the same order as the instants (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        (a, b) => {
          const sa = toShanghaiISO(new Date(a))
          const sb = toShanghaiISO(new Date(b))
          expect(Math.sign(sa < sb ? -1 : sa > sb ? 1 : 0)).toBe(Math.sign(a - b))
        }
      )
    )
  })
})

describe('parseInstant', () => {
  it('accepts Z and offsets, and the same instant written both ways is equal', () => {
    expect(parseInstant('2026-11-01T00:00:00+08:00').getTime()).toBe(parseInstant('2026-10-31T16:00:00Z').getTime())
    expect(parseInstant('2026-11-01T00:00+08:00').toISOString()).toBe('2026-10-31T16:00:00.000Z')
  })

  it('refuses strings that do not pin an instant', () => {
    expect(() => parseInstant('2026-11-01')).toThrow(TimeError)
    expect(() => parseInstant('2026-11-01T00:00:00')).toThrow(TimeError)
    expect(() => parseInstant('yesterday')).toThrow(TimeError)
    expect(() => parseInstant(new Date(NaN))).toThrow(TimeError)
  })
})

describe('isWithin (start inclusive, end exclusive)', () => {
  const start = '2026-10-01T00:00:00.000+08:00'
  const end = '2026-10-08T00:00:00.000+08:00'

  it('includes the first millisecond and excludes the end instant', () => {
    expect(isWithin(new Date('2026-09-30T15:59:59.999Z'), start, end)).toBe(false)
    expect(isWithin(new Date('2026-09-30T16:00:00.000Z'), start, end)).toBe(true)
    expect(isWithin(new Date('2026-10-07T15:59:59.999Z'), start, end)).toBe(true)
    expect(isWithin(new Date('2026-10-07T16:00:00.000Z'), start, end)).toBe(false)
  })

  it('treats a missing bound as open', () => {
    expect(isWithin(new Date('1990-01-01T00:00:00Z'), undefined, end)).toBe(true)
    expect(isWithin(new Date('2099-01-01T00:00:00Z'), start, null)).toBe(true)
    expect(isWithin(new Date('2099-01-01T00:00:00Z'))).toBe(true)
  })

  it('accepts Date bounds', () => {
    const s = shanghaiDayStart('2026-10-01')
    expect(isWithin(s, s, addDays(s, 1))).toBe(true)
    expect(isWithin(addDays(s, 1), s, addDays(s, 1))).toBe(false)
  })
})

describe('shanghaiDateWindow', () => {
  it('turns inclusive local dates into [00:00 first day, 00:00 after last day)', () => {
    expect(shanghaiDateWindow('2026-10-01', '2026-10-07')).toEqual({
      startsAt: '2026-10-01T00:00:00.000+08:00',
      endsAt: '2026-10-08T00:00:00.000+08:00'
    })
  })

  it('a one-day window covers that whole Shanghai day and nothing else', () => {
    const w = shanghaiDateWindow('2026-11-11', '2026-11-11')
    expect(isWithin(new Date('2026-11-10T16:00:00Z'), w.startsAt, w.endsAt)).toBe(true)
    expect(isWithin(new Date('2026-11-11T15:59:59.999Z'), w.startsAt, w.endsAt)).toBe(true)
    expect(isWithin(new Date('2026-11-11T16:00:00Z'), w.startsAt, w.endsAt)).toBe(false)
  })

  it('refuses a last day before the first', () => {
    expect(() => shanghaiDateWindow('2026-10-07', '2026-10-01')).toThrow(TimeError)
  })
})

describe('addDays', () => {
  it('moves by whole days and crosses month and year ends', () => {
    expect(toShanghaiISO(addDays(shanghaiDayStart('2026-12-31'), 1))).toBe('2027-01-01T00:00:00.000+08:00')
    expect(toShanghaiISO(addDays(shanghaiDayStart('2026-03-01'), -1))).toBe('2026-02-28T00:00:00.000+08:00')
    expect(toShanghaiISO(addDays(shanghaiDayStart('2026-11-01'), 365))).toBe('2027-11-01T00:00:00.000+08:00')
  })

  it('refuses fractional days', () => {
    expect(() => addDays(new Date(), 1.5)).toThrow(TimeError)
  })
})
