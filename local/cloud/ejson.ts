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
import { DbError } from './errors'
import { internals } from './sdk'

export type Doc = Record<string, any>

const { EJSON } = internals.bson()

/**
 * `EJSON.parse(text, { relaxed: true })`, faster for what the SDK sends: plain JSON.parse, then
 * the few wrappers turned into values bottom-up as bson's reviver would ({"$numberInt": s} →
 * parseInt, {"$numberDouble": s} → parseFloat, {"$numberLong": s} → the number when s is a
 * safe integer, {"$date": ms | ISO | {"$numberLong"}} → Date). Anything else bson would treat
 * specially (ObjectId, Decimal128, regexes, DBRefs, null bytes in keys, …) parses the whole text
 * with bson. bson's reviver runs for every value; this is about 3× faster.
 */
export function parseWire(text: string): any {
  if (text.includes('\\u0000')) return EJSON.parse(text, { relaxed: true })
  const value = JSON.parse(text)
  if (!text.includes('"$')) return value
  try {
    return fromWire(value)
  } catch (e) {
    if (e !== NOT_SIMPLE) throw e
    return EJSON.parse(text, { relaxed: true })
  }
}

const NOT_SIMPLE = Symbol('not simple')

/** Keys that make bson's reviver turn an object into something else (bson 4.x deserializeValue). */
const BSON_KEYS = new Set([
  '$oid', '$binary', '$uuid', '$symbol', '$numberInt', '$numberDecimal', '$numberDouble', '$numberLong', '$minKey', '$maxKey',
  '$regex', '$regularExpression', '$timestamp', '$date', '$code', '$scope', '$ref', '$id', '$db', '$dbPointer', '$undefined'
])
const SAFE_LONG = /^(?:0|-?[1-9]\d{0,14})$/

function fromWire(v: any): any {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = fromWire(v[i])
    return v
  }
  let dollar = false
  for (const k of Object.keys(v)) {
    if (k.charCodeAt(0) === 36) dollar = true
    const x = v[k]
    if (x === null || typeof x !== 'object') continue
    const y = fromWire(x)
    if (y === x) continue
    // JSON.parse makes "__proto__" an own data property; plain assignment would set the prototype
    if (k === '__proto__') Object.defineProperty(v, k, { value: y, writable: true, enumerable: true, configurable: true })
    else v[k] = y
  }
  return dollar ? wrapped(v) : v
}

/** The value an object with `$` keys stands for; throws NOT_SIMPLE when bson must decide. */
function wrapped(v: Doc): unknown {
  const keys = Object.keys(v)
  if (keys.length === 1) {
    const x = v[keys[0]]
    switch (keys[0]) {
      case '$numberInt':
        if (typeof x === 'string') return parseInt(x, 10)
        break
      case '$numberDouble':
        if (typeof x === 'string') return parseFloat(x)
        break
      case '$numberLong':
        if (typeof x === 'string' && SAFE_LONG.test(x)) return Number(x)
        break
      case '$date':
        if (typeof x === 'number' || typeof x === 'string') {
          const date = new Date()
          date.setTime(typeof x === 'string' ? Date.parse(x) : x)
          return date
        }
        break
    }
  }
  for (const k of keys) if (BSON_KEYS.has(k)) throw NOT_SIMPLE
  return v
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]'
const isPlainObject = (v: unknown): v is Doc =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.toString.call(v) === '[object Object]'

const BSON_VALUE = Symbol('bson value')

/**
 * Storage / wire-out text: JSON with Dates as {"$date": ms}. Equal to
 * `JSON.stringify(doc, replacer)` with a replacer turning Dates into {$date} (the first version),
 * but a replacer is called for every value and Date#toJSON is slow: copying the few Dates out
 * first and stringifying without a replacer is about 3× faster. Values JSON.stringify treats
 * specially (toJSON methods) take the replacer path; other BSON values take bson's EJSON.
 */
export function encodeDoc(doc: unknown): string {
  try {
    const stored = toStored(doc)
    return JSON.stringify(stored === SPECIAL ? doc : stored, stored === SPECIAL ? withDates : undefined)
  } catch (e) {
    if (e !== BSON_VALUE) throw e
    return EJSON.stringify(doc, { relaxed: true, legacy: true })
  }
}

/** Marks a value `toStored` leaves to the replacer. */
const SPECIAL = Symbol('special')

/** `v` with every Date replaced by {$date: ms} (copying only what changes), or SPECIAL. */
function toStored(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  if (isDate(v)) return { $date: v.getTime() }
  if ('_bsontype' in v) throw BSON_VALUE
  if (Array.isArray(v)) {
    let out: unknown[] | undefined
    for (let i = 0; i < v.length; i++) {
      const x = toStored(v[i])
      if (x === SPECIAL) return SPECIAL
      if (x !== v[i]) (out ??= v.slice())[i] = x
    }
    return out ?? v
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return SPECIAL
  let out: Doc | undefined
  for (const k of Object.keys(v)) {
    const value = (v as Doc)[k]
    const x = toStored(value)
    if (x === SPECIAL) return SPECIAL
    if (x !== value) (out ??= { ...v })[k] = x
  }
  return out ?? v
}

function withDates(this: any, key: string, value: unknown) {
  const raw = this[key]
  if (isDate(raw)) return { $date: raw.getTime() }
  if (raw && typeof raw === 'object' && '_bsontype' in raw) throw BSON_VALUE
  return value
}

const OTHER_BSON = Symbol('other bson')

/**
 * Stored text back to a document: {"$date": ms} becomes a Date; any other `$` key means a BSON
 * value, which bson's EJSON parses. (Parsing plainly, then converting the few Dates, is about 3×
 * faster than a JSON.parse reviver, which is called for every value.)
 */
export function decodeDoc(text: string): Doc {
  const doc = JSON.parse(text)
  if (!text.includes('"$')) return doc
  try {
    return fromStored(doc)
  } catch (e) {
    if (e !== OTHER_BSON) throw e
    return EJSON.parse(text, { relaxed: true })
  }
}

/** Replaces {$date: ms} objects in place (JSON.parse output only); throws OTHER_BSON on other `$` keys. */
function fromStored(v: any): any {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = fromStored(v[i])
    return v
  }
  const keys = Object.keys(v)
  if (keys.length === 1 && keys[0] === '$date' && typeof v.$date === 'number') return new Date(v.$date)
  for (const k of keys) {
    if (k.startsWith('$')) throw OTHER_BSON
    const value = v[k]
    if (value === null || typeof value !== 'object') continue
    const x = fromStored(value)
    if (x === value) continue
    // JSON.parse makes "__proto__" an own data property; plain assignment would set the prototype
    if (k === '__proto__') Object.defineProperty(v, k, { value: x, writable: true, enumerable: true, configurable: true })
    else v[k] = x
  }
  return v
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

/**
 * Query-side regular expressions: `where({ name: /…/i })` and `db.RegExp({ regexp, options })`
 * both reach the wire as {"$regularExpression": {pattern, options}}, which bson parses into a
 * BSONRegExp that mingo would compare as a plain value (matching nothing). In a filter they mean
 * "match this pattern", so they become JS RegExps, which mingo matches as MongoDB does. MongoDB's
 * options i, m, s map to the same JS flags; `x` (extended) has no JS equivalent and is refused.
 * Documents keep BSONRegExp values as they are (only filters go through here).
 */
export function queryRegExps<T>(value: T, text: string): T {
  return text.includes('"$regularExpression"') || text.includes('"$regex"') ? toJsRegExps(value) : value
}

function toJsRegExps(v: any): any {
  if (v === null || typeof v !== 'object') return v
  if (v._bsontype === 'BSONRegExp') return jsRegExp(String(v.pattern), String(v.options ?? ''))
  if (Array.isArray(v)) return v.map(toJsRegExps)
  if (!isPlainObject(v)) return v
  const out: Doc = {}
  for (const k of Object.keys(v)) out[k] = toJsRegExps(v[k])
  return out
}

function jsRegExp(pattern: string, options: string): RegExp {
  const unknown = [...options].filter((c) => !'ims'.includes(c))
  if (unknown.length) throw new DbError('DATABASE_REQUEST_FAILED', `regular expression option(s) not supported: ${unknown.join('')}`)
  return new RegExp(pattern, options)
}

export { isDate, isPlainObject }
