/**
 * Update operators applied to a document, by mingo.
 *
 * mingo's `update()` (main entry) copies its whole operator registry, some hundreds of entries,
 * on every call (~70 µs), and `mingo/updater` still builds a fresh, smaller one per call
 * (~25 µs), while the operators themselves take a few µs. Documents are updated once or more per
 * write, so this module does what `mingo/updater` does for an object modifier (`{ $set, $inc,
 * $push, … }`, all WeChat ever sends), step by step, with the options mingo's update operators
 * default to (their registry of query, boolean and comparison operators, built once):
 * refuse unknown operators; `buildParams` over every operator's paths and `$rename` targets
 * (mingo's own checks: `$`-prefixed paths, `_id`, positional parts, conflicting paths); then
 * each operator. `update.test.ts` compares the outcome with mingo's `update()`.
 *
 * `buildParams` and the default options live in a module mingo does not export, pinned with
 * mingo 7.2.x; if it ever moves, `mingo/updater` takes over. An update mentioning `$expr` (which
 * can reach every expression operator) always goes through mingo's full `update()`.
 */
import path from 'path'
import { update as updateWithAllOperators } from 'mingo'
import type * as MingoUpdateOperators from 'mingo/types/operators/update'
import type * as MingoUpdater from 'mingo/types/updater'
import { DbError } from './errors'
import { isPlainObject, type Doc } from './ejson'

// subpaths of mingo's package.json `exports`, which the project's moduleResolution cannot see
/* eslint-disable @typescript-eslint/no-var-requires */
const OPERATORS = require('mingo/operators/update') as typeof MingoUpdateOperators as unknown as Record<string, Operator>
const updater = require('mingo/updater') as typeof MingoUpdater
/* eslint-enable @typescript-eslint/no-var-requires */

type Operator = (expr: Doc, arrayFilters: Doc[], options: unknown) => (doc: Doc) => string[]

interface Options {
  constructor: { init(o: Options): Options }
  update(locals: Record<string, unknown>): Options
}
interface Internals {
  DEFAULT_OPTIONS: Options
  buildParams(exprs: Doc[], arrayFilters: Doc[], options: Options): unknown
}

const internals = ((): Internals | null => {
  try {
    const file = path.join(path.dirname(require.resolve('mingo/package.json')), 'cjs', 'operators', 'update', '_internal.js')
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(file) as Partial<Internals>
    return mod.DEFAULT_OPTIONS && typeof mod.buildParams === 'function' ? (mod as Internals) : null
  } catch {
    return null
  }
})()

/** False when mingo's internals moved and updates fall back to `mingo/updater` (slower, same results). */
export const usesOperatorsDirectly = internals !== null

/** Applies `modifier` (update operators) to `doc` in place. Throws DATABASE_REQUEST_FAILED like the server. */
export function applyModifier(doc: Doc, modifier: Doc): void {
  try {
    if (mentions(modifier, '$expr')) updateWithAllOperators(doc, modifier)
    else if (!internals) updater.update(doc, modifier, undefined, undefined, {})
    else applyOperators(internals, doc, modifier)
  } catch (e) {
    throw new DbError('DATABASE_REQUEST_FAILED', `update: ${(e as Error).message}`)
  }
}

/** mingo's updater for an object modifier and one document without a query condition. */
function applyOperators({ DEFAULT_OPTIONS, buildParams }: Internals, doc: Doc, modifier: Doc): void {
  const ops = Object.keys(modifier)
  const unknownOp = ops.find((op) => !OPERATORS[op])
  if (unknownOp) throw new Error(`Unknown update operator: '${unknownOp}'.`)
  const renameTargets = Object.values((modifier.$rename ?? {}) as Doc).map((target) => ({ [target]: true }))
  const arrayFilters: Doc[] = []
  // a copy of the defaults that shares their operator registry (ComputeOptions.init of an instance)
  const opts = DEFAULT_OPTIONS.constructor.init(DEFAULT_OPTIONS)
  opts.update({ updateParams: buildParams([...ops.map((op) => modifier[op]), ...renameTargets], arrayFilters, opts) })
  const run = ops.map((op) => OPERATORS[op](modifier[op], arrayFilters, opts))
  for (const mutate of run) mutate(doc)
}

/** True when `key` is a key anywhere inside `value`. */
function mentions(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => mentions(v, key))
  if (!isPlainObject(value)) return false
  return Object.keys(value).some((k) => k === key || mentions(value[k], key))
}
