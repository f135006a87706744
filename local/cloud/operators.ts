/**
 * Where mingo answers differently from CloudBase's MongoDB, the operator is replaced here; every
 * query, find and aggregation of the local cloud runs with `ENGINE` (mingo merges these over its
 * own operators). Each replacement was found by CloudBase's own node-sdk database tests and is
 * pinned in queries.test.ts / aggregate.test.ts:
 *
 * - `$elemMatch` with field conditions (`_.elemMatch({ value: _.gt(0) })`) tests only the array's
 *   sub-documents; mingo also tested plain values (test/database/unit/advanced-operator.test.ts).
 * - `$jsonSchema` needs a validator mingo does not ship: ajv (draft 4/6/7 keywords) plus MongoDB's
 *   `bsonType` (advanced-operator.test.ts, 'jsonSchema').
 * - `$indexOfCP` is missing from mingo 7.2 (test/database/unit/aggregation.test.ts).
 * - `$substr` / `$substrBytes` with a negative length mean "to the end of the string" (MongoDB
 *   docs, $substrBytes); mingo refuses them.
 * - `$week`: weeks start on Sunday, days before the year's first Sunday are week 0 (MongoDB docs,
 *   $week, the strftime %U rule); mingo 7.2 is off by one or more.
 */
import Ajv from 'ajv'
import { Context } from 'mingo'
import type { Options } from 'mingo/types/types'
import type { Query as MingoQuery } from 'mingo/types/query'
import type { Aggregator as MingoAggregator } from 'mingo/types/aggregator'
import { isDate, isPlainObject, type Doc } from './ejson'

// mingo's package entry merges a caller's operators *under* its own (Context.from keeps the first
// one of a name), so replacements only take effect through the base classes with a full context.
// Subpaths of mingo's package.json `exports`, which the project's moduleResolution cannot see:
/* eslint-disable @typescript-eslint/no-var-requires */
const { Query } = require('mingo/query') as { Query: new (condition: Doc, options?: Partial<Options>) => MingoQuery }
const { Aggregator } = require('mingo/aggregator') as { Aggregator: new (pipeline: Doc[], options?: Partial<Options>) => MingoAggregator }
const mingoOps = (type: string) => require(`mingo/operators/${type}`) as Record<string, unknown>
const { evalExpr } = require('mingo/core') as { evalExpr(obj: unknown, expr: unknown, options: Options): any }
const { resolve } = require('mingo/util') as { resolve(obj: unknown, selector: string, opts?: { unwrapArray?: boolean }): unknown }
const { $substrBytes } = require('mingo/operators/expression/string') as { $substrBytes: Expression }
const { $dayOfYear, $dayOfWeek } = require('mingo/operators/expression/date') as Record<string, Expression>
/* eslint-enable @typescript-eslint/no-var-requires */

type Expression = (obj: unknown, expr: unknown, options: Options) => unknown

// --- query --------------------------------------------------------------------------------------

const LOGICAL = new Set(['$and', '$or', '$nor'])

/** MongoDB $elemMatch: operator-only criteria test each element; field criteria test sub-documents only. */
function $elemMatch(selector: string, criteria: Doc, options: Options) {
  const keys = Object.keys(criteria)
  const onValues = keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k))
  const query = new Query(onValues ? { v: criteria } : criteria, options)
  const test = onValues ? (v: unknown) => query.test({ v }) : (v: unknown) => isPlainObject(v) && query.test(v)
  return (doc: unknown) => {
    const value = resolve(doc, selector, { unwrapArray: true })
    return Array.isArray(value) && value.some(test)
  }
}

// --- $jsonSchema ------------------------------------------------------------------------------

const BSON_TYPES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number',
  int: (v) => Number.isInteger(v),
  long: (v) => Number.isInteger(v),
  decimal: (v) => typeof v === 'number',
  number: (v) => typeof v === 'number',
  string: (v) => typeof v === 'string',
  bool: (v) => typeof v === 'boolean',
  date: isDate,
  null: (v) => v === null,
  array: Array.isArray,
  object: isPlainObject,
  regex: (v) => v instanceof RegExp,
  objectId: (v) => (v as { _bsontype?: string } | null)?._bsontype === 'ObjectID' || (v as { _bsontype?: string } | null)?._bsontype === 'ObjectId'
}

const ajv = new Ajv({ schemaId: 'auto', unknownFormats: 'ignore' })
ajv.addKeyword('bsonType', {
  validate: (types: string | string[], data: unknown) => [types].flat().some((t) => BSON_TYPES[t]?.(data) ?? false),
  errors: false
})
const compiled = new Map<string, (doc: unknown) => boolean>()

function jsonSchemaValidator(schema: Doc): (doc: unknown) => boolean {
  const key = JSON.stringify(schema)
  let validate = compiled.get(key)
  if (!validate) {
    const check = ajv.compile(schema)
    validate = (doc) => check(doc) === true
    if (compiled.size > 100) compiled.clear()
    compiled.set(key, validate)
  }
  return validate
}

// --- expressions ------------------------------------------------------------------------------

const literal = (v: unknown) => ({ $literal: v })

/** $substrBytes / $substr: a negative length is the rest of the string. */
const substrBytes: Expression = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length !== 3) return $substrBytes(obj, expr, options)
  const [s, index, count] = evalExpr(obj, expr, options)
  const rest = typeof s === 'string' && typeof count === 'number' && count < 0 && Number.isInteger(index) && index >= 0
  const length = rest ? Math.max(0, Buffer.byteLength(s) - index) : count
  return $substrBytes(obj, [literal(s), literal(index), literal(length)], options)
}

/** $indexOfCP: [string, substring, start?, end?] → the code-point index of the first match, -1, or null for a missing string. */
const indexOfCP: Expression = (obj, expr, options) => {
  const [s, sub, start = 0, end] = evalExpr(obj, expr, options) as [unknown, unknown, number?, number?]
  if (s === null || s === undefined) return null
  if (typeof s !== 'string' || typeof sub !== 'string') throw new Error('$indexOfCP requires a string and a substring')
  const cps = Array.from(s)
  const needle = Array.from(sub)
  const stop = Math.min(end ?? cps.length, cps.length)
  for (let i = start; i + needle.length <= stop; i++) {
    if (needle.every((c, k) => cps[i + k] === c)) return i
  }
  return -1
}

/** $week: (day of year − day of week + 7) / 7, both 0-based, Sunday first (strftime %U), timezone honoured. */
const week: Expression = (obj, expr, options) => {
  const yday = $dayOfYear(obj, expr, options)
  const wday = $dayOfWeek(obj, expr, options)
  if (typeof yday !== 'number' || typeof wday !== 'number') return null
  return Math.floor((yday - 1 - (wday - 1) + 7) / 7)
}

/** Options for every mingo call of the local cloud: mingo's operators with the replacements above. */
export const ENGINE: Partial<Options> = {
  context: Context.init({
    accumulator: mingoOps('accumulator'),
    expression: { ...mingoOps('expression'), $substrBytes: substrBytes, $substr: substrBytes, $indexOfCP: indexOfCP, $week: week },
    pipeline: mingoOps('pipeline'),
    projection: mingoOps('projection'),
    query: { ...mingoOps('query'), $elemMatch },
    window: mingoOps('window')
  } as never),
  jsonSchemaValidator
}

/** A compiled filter (`test`, `find`). */
export const compileQuery = (filter: Doc) => new Query(filter, ENGINE)

/** Runs a pipeline; `collectionResolver` answers `$lookup` and friends. */
export function runPipeline(docs: Doc[], stages: Doc[], collectionResolver: (name: string) => Doc[]): Doc[] {
  return new Aggregator(stages, { ...ENGINE, collectionResolver }).run(docs) as Doc[]
}
