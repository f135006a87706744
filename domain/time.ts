/**
 * Time in the product is Asia/Shanghai, whatever the host's TZ is (cloud functions run in UTC,
 * a developer laptop may be anywhere).
 *
 * Merchants think in local dates ("国庆 10月1日–7日"); the data stores instants as ISO strings
 * with the +08:00 offset. Shanghai has had no daylight saving since 1991, so the zone is the
 * fixed offset +08:00 for every date this product can see. We apply that offset with dayjs'
 * utc plugin instead of the timezone plugin because the timezone plugin needs
 * `Intl.DateTimeFormat` with time-zone data, which some mini-program runtimes lack; time.test.ts
 * checks that both agree.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

export const SHANGHAI_TZ = 'Asia/Shanghai'
export const SHANGHAI_OFFSET_MINUTES = 8 * 60

const DAY_MS = 24 * 60 * 60 * 1000
const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60 * 1000

/** 'YYYY-MM-DD', a calendar date in Shanghai. */
export type LocalDate = string

export class TimeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TimeError'
  }
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// An instant must say which instant it is: a date-time with Z or an explicit offset.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/** The instant 00:00 Shanghai time begins on `date`. */
export function shanghaiDayStart(date: LocalDate): Date {
  const m = LOCAL_DATE.exec(date)
  if (!m) throw new TimeError(`not a YYYY-MM-DD date: ${date}`)
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const utcMidnight = Date.UTC(y, mo - 1, d)
  // Date.UTC rolls 02-30 over into March; a date that does not round-trip does not exist.
  if (dayjs.utc(utcMidnight).format('YYYY-MM-DD') !== date) {
    throw new TimeError(`no such date: ${date}`)
  }
  return new Date(utcMidnight - OFFSET_MS)
}

/** The Shanghai calendar date an instant falls on. */
export function shanghaiDate(d: Date): LocalDate {
  return inShanghai(d).format('YYYY-MM-DD')
}

/** '2026-11-01T00:00:00.000+08:00'. One fixed width, so stored instants also sort as strings. */
export function toShanghaiISO(d: Date): string {
  return inShanghai(d).format('YYYY-MM-DDTHH:mm:ss.SSSZ')
}

/** Strict: only ISO date-times that carry Z or an offset; a bare date or local time is refused. */
export function parseInstant(s: string | Date): Date {
  if (s instanceof Date) {
    if (Number.isNaN(s.getTime())) throw new TimeError('invalid Date')
    return s
  }
  if (!INSTANT.test(s)) throw new TimeError(`not an ISO instant with offset: ${s}`)
  const d = new Date(s)
  if (Number.isNaN(d.getTime())) throw new TimeError(`invalid instant: ${s}`)
  return d
}

/** startsAt ≤ now < endsAt; a missing bound is open. */
export function isWithin(now: Date, startsAt?: string | Date | null, endsAt?: string | Date | null): boolean {
  const t = now.getTime()
  if (startsAt != null && t < parseInstant(startsAt).getTime()) return false
  if (endsAt != null && t >= parseInstant(endsAt).getTime()) return false
  return true
}

/** n calendar days later in Shanghai (= n × 24 h, as there is no DST). */
export function addDays(d: Date, n: number): Date {
  if (!Number.isSafeInteger(n)) throw new TimeError(`not a whole number of days: ${n}`)
  return new Date(d.getTime() + n * DAY_MS)
}

/**
 * Turns the dates a merchant types, first and last day both inclusive, into the stored
 * window: startsAt inclusive at 00:00 of the first day, endsAt exclusive at 00:00 after the last.
 */
export function shanghaiDateWindow(firstDay: LocalDate, lastDay: LocalDate): { startsAt: string; endsAt: string } {
  const start = shanghaiDayStart(firstDay)
  const end = addDays(shanghaiDayStart(lastDay), 1)
  if (end.getTime() <= start.getTime()) throw new TimeError(`window ends before it starts: ${firstDay}..${lastDay}`)
  return { startsAt: toShanghaiISO(start), endsAt: toShanghaiISO(end) }
}

function inShanghai(d: Date): dayjs.Dayjs {
  if (Number.isNaN(d.getTime())) throw new TimeError('invalid Date')
  return dayjs(d).utcOffset(SHANGHAI_OFFSET_MINUTES)
}
