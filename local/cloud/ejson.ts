/**
 * Value encodings at the two edges of the local cloud.
 *
 * Wire in: @cloudbase/database sends canonical EJSON ({"$numberInt":"1"}, {"$date":{"$numberLong":..}}).
 * We parse it relaxed (plain numbers; canonical Int32 objects would break `$inc`).
 *
 * Storage and wire out: plain JSON with Dates as {"$date": <ms>} (EJSON "legacy relaxed").
 * Milliseconds, not ISO text, so SQLite expression indexes compare Dates as numbers; the SDK's
 * own EJSON.parse turns {"$date": ms} back into a Date. Other BSON types (ObjectId, Decimal128, …)
 * are rare here and take the slower bson path.
 */
import { internals } from './sdk'

export type Doc = Record<string, any>

const { EJSON } = internals.bson()

export function parseWire(text: string): any {
  return EJSON.parse(text, { relaxed: true })
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]'
const isPlainObject = (v: unknown): v is Doc =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.toString.call(v) === '[object Object]'

const BSON_VALUE = Symbol('bson value')

export function encodeDoc(doc: unknown): string {
  try {
    return JSON.stringify(doc, function (this: any, key: string, value: unknown) {
      const raw = this[key]
      if (isDate(raw)) return { $date: raw.getTime() }
      if (raw && typeof raw === 'object' && '_bsontype' in raw) throw BSON_VALUE
      return value
    })
  } catch (e) {
    if (e !== BSON_VALUE) throw e
    return EJSON.stringify(doc, { relaxed: true, legacy: true })
  }
}

const OTHER_BSON = Symbol('other bson')

export function decodeDoc(text: string): Doc {
  if (!text.includes('"$')) return JSON.parse(text)
  try {
    return JSON.parse(text, (_key, value) => {
      if (!isPlainObject(value)) return value
      const keys = Object.keys(value)
      if (keys.length === 1 && keys[0] === '$date' && typeof value.$date === 'number') return new Date(value.$date)
      if (keys.some((k) => k.startsWith('$'))) throw OTHER_BSON
      return value
    })
  } catch (e) {
    if (e !== OTHER_BSON) throw e
    return EJSON.parse(text, { relaxed: true })
  }
}

/** Deep copy that keeps Dates (documents handed to mingo's updater must not alias stored ones). */
export function cloneDoc<T>(doc: T): T {
  return decodeDoc(encodeDoc(doc)) as T
}

/** Replace every `db.serverDate({offset})` placeholder with the store clock's Date. */
export function resolveServerDates<T>(value: T, now: number): T {
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now)) as T
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number(value.$tcb_server_date?.offset ?? 0)
    return new Date(now + (Number.isFinite(offset) ? offset : 0)) as T
  }
  const out: Doc = {}
  for (const k of keys) out[k] = resolveServerDates(value[k], now)
  return out as T
}

export { isDate, isPlainObject }
