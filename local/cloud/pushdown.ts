/**
 * Turns the indexable part of a MongoDB filter into SQL, so SQLite's expression indexes narrow the
 * rows before mingo evaluates the complete filter.
 *
 * The SQL must never drop a document the filter accepts (a superset is fine: mingo re-checks).
 * That is why only these are pushed down, and only on fields some index lists:
 * - equality with a string, finite number, boolean, Date or null; `$eq`; `$in` of such values
 * - `$gt/$gte/$lt/$lte` with a number or a Date (strings compare differently in SQLite and JS)
 * - the same inside a top-level `$and`; `$or`, `$nor`, `$ne`, `$nin`, `$exists`, regexes stay with mingo
 * A field that ever held an array somewhere on its path is "unsafe" (MongoDB matches array elements,
 * json_extract does not) and the store stops pushing it down.
 */
import { isDate, isPlainObject } from './ejson'

/** The indexed expression for a field: Dates (stored {"$date": ms}) become their ms, scalars stay. */
export function fieldExpr(field: string): string {
  const p = jsonPath(field)
  return `coalesce(json_extract(body, '${p}."$date"'), json_extract(body, '${p}'))`
}

function jsonPath(field: string): string {
  return '$' + field.split('.').map((seg) => `."${seg.replace(/["'\\]/g, '')}"`).join('')
}

/** Fields with array indexes or odd characters in the path are never indexed or pushed down. */
export function indexableField(field: string): boolean {
  return /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(field)
}

export interface Pushdown {
  clauses: string[]
  params: Array<string | number | null>
}

type Scalar = string | number | null

function scalar(v: unknown): Scalar | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v === 'boolean') return v ? 1 : 0
  if (isDate(v)) return Number.isFinite(v.getTime()) ? v.getTime() : undefined
  if (v === null) return null
  return undefined
}

function orderable(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (isDate(v)) return Number.isFinite(v.getTime()) ? v.getTime() : undefined
  return undefined
}

const RANGE: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }

/**
 * @param pushable fields that may be pushed down (indexed and not unsafe); `_id` is always pushable
 * @param idKey how the store keys `_id` values in its `id` column
 */
export function pushdown(filter: unknown, pushable: Set<string>, idKey: (id: unknown) => string): Pushdown {
  const out: Pushdown = { clauses: [], params: [] }
  collect(filter, pushable, idKey, out)
  return out
}

function collect(filter: unknown, pushable: Set<string>, idKey: (id: unknown) => string, out: Pushdown): void {
  if (!isPlainObject(filter)) return
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) collect(part, pushable, idKey, out)
      continue
    }
    if (field.startsWith('$')) continue
    if (field === '_id') idClause(cond, idKey, out)
    else if (pushable.has(field)) fieldClause(fieldExpr(field), cond, out)
  }
}

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'))
}

function fieldClause(expr: string, cond: unknown, out: Pushdown): void {
  if (!isOperatorObject(cond)) return equality(expr, cond, out)
  for (const [op, arg] of Object.entries(cond)) {
    if (op === '$eq') equality(expr, arg, out)
    else if (op === '$in') membership(expr, arg, scalar, out)
    else if (RANGE[op]) {
      const v = orderable(arg)
      if (v !== undefined) {
        out.clauses.push(`${expr} ${RANGE[op]} ?`)
        out.params.push(v)
      }
    }
  }
}

function equality(expr: string, value: unknown, out: Pushdown): void {
  const v = scalar(value)
  if (v === undefined) return
  if (v === null) out.clauses.push(`${expr} IS NULL`)
  else {
    out.clauses.push(`${expr} = ?`)
    out.params.push(v)
  }
}

function membership(expr: string, list: unknown, toSql: (v: unknown) => Scalar | undefined, out: Pushdown): void {
  if (!Array.isArray(list) || list.length === 0 || list.length > 500) return
  const values = list.map(toSql)
  if (values.some((v) => v === undefined || v === null)) return
  out.clauses.push(`${expr} IN (${values.map(() => '?').join(', ')})`)
  out.params.push(...(values as Scalar[]))
}

function idClause(cond: unknown, idKey: (id: unknown) => string, out: Pushdown): void {
  const key = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? idKey(v) : undefined)
  if (!isOperatorObject(cond)) {
    const k = key(cond)
    if (k !== undefined) {
      out.clauses.push('id = ?')
      out.params.push(k)
    }
    return
  }
  if ('$eq' in cond) idClause(cond.$eq, idKey, out)
  if ('$in' in cond) membership('id', cond.$in, key, out)
}

/** True when some prefix of `field` in `doc` is an array (MongoDB would then match per element). */
export function arrayOnPath(doc: unknown, field: string): boolean {
  let cur: unknown = doc
  for (const seg of field.split('.')) {
    if (Array.isArray(cur)) return true
    if (!isPlainObject(cur)) return false
    cur = cur[seg]
  }
  return Array.isArray(cur)
}
