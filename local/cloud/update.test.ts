import fc from 'fast-check'
import { update } from 'mingo'
import { applyModifier, usesOperatorsDirectly } from './update'

/** What mingo's own update() makes of the modifier: the document, or the error text. */
function viaMingo(doc: Record<string, any>, modifier: Record<string, any>) {
  const copy = structuredClone(doc)
  try {
    update(copy, modifier)
    return { doc: copy }
  } catch (e) {
    return { error: `update: ${(e as Error).message}` }
  }
}

function viaLocal(doc: Record<string, any>, modifier: Record<string, any>) {
  const copy = structuredClone(doc)
  try {
    applyModifier(copy, modifier)
    return { doc: copy }
  } catch (e) {
    return { error: (e as Error).message }
  }
}

const base = () => ({
  _id: 'd',
  n: 5,
  s: 'x',
  at: new Date(1000),
  nested: { a: 1, b: { c: 2 } },
  lots: [{ id: 'l1', left: 3 }, { id: 'l2', left: 0 }],
  tags: ['a', 'b', 'a'],
  nums: [3, 1, 2]
})

describe('applyModifier gives what mingo update() gives', () => {
  it("runs mingo's operators directly (mingo's internals are where this version expects them)", () => {
    expect(usesOperatorsDirectly).toBe(true)
  })

  const cases: Array<[string, Record<string, any>]> = [
    ['$set plain and dotted, new fields', { $set: { s: 'y', 'nested.b.c': 9, fresh: { z: [1] }, at: new Date(2000) } }],
    ['$set that changes nothing', { $set: { n: 5 } }],
    ['$inc existing, missing, dotted, negative', { $inc: { n: -7, missing: 2, 'nested.a': 1 } }],
    ['$push one value and $each with $sort/$slice/$position', { $push: { tags: 'c', nums: { $each: [9, 0], $sort: 1, $slice: 3 } } }],
    ['$push $position', { $push: { nums: { $each: [7], $position: 1 } } }],
    ['$push onto a missing field', { $push: { newList: { $each: [{ id: 'x' }] } } }],
    ['$pull by value and by condition', { $pull: { tags: 'a', lots: { left: { $lte: 0 } } } }],
    ['$pull with $in', { $pull: { nums: { $in: [1, 2] } } }],
    ['$addToSet with $each', { $addToSet: { tags: { $each: ['a', 'z'] } } }],
    ['$pop first and last', { $pop: { nums: -1, tags: 1 } }],
    ['$unset', { $unset: { s: '', 'nested.b': '' } }],
    ['$rename', { $rename: { s: 'renamed', 'nested.a': 'nested.z' } }],
    ['$min/$max/$mul', { $min: { n: 1 }, $max: { 'nested.a': 10 }, $mul: { 'nested.b.c': 3 } }],
    ['positional $[] ', { $inc: { 'lots.$[].left': 1 } }],
    ['several operators together (member update shape)', { $push: { lots: { $each: [{ id: 'l3', left: 5 }] } }, $inc: { n: 1, total: 5 }, $set: { s: 'z' } }],
    ['conflict across operators', { $set: { nested: 1 }, $inc: { 'nested.a': 1 } }],
    ['same path in two operators', { $set: { n: 1 }, $inc: { n: 1 } }],
    ['$rename target conflicting with $set', { $rename: { s: 'moved' }, $set: { moved: 1 } }],
    ['conflict inside one operator', { $set: { nested: 1, 'nested.a': 2 } }],
    ['unknown operator', { $frobnicate: { n: 1 } }],
    ['a plain field next to operators', { $inc: { n: 1 }, plain: 2 }],
    ['changing _id', { $set: { _id: 'other' } }],
    ['$-prefixed field path', { $set: { $bad: 1 } }],
    ['$inc on a string', { $inc: { s: 1 } }],
    ['$push $each that is not an array', { $push: { tags: { $each: 'a' } } }],
    ['$pull with $expr (full operator set)', { $pull: { nums: { $expr: { $gt: [{ $add: ['$$this', 0] }, 2] } } } }]
  ]
  it.each(cases)('%s', (_name, modifier) => {
    expect(viaLocal(base(), modifier)).toEqual(viaMingo(base(), modifier))
  })

  it('agrees on generated modifiers over generated documents', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'a.x', 'b.y', 'arr')
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.string({ maxLength: 2 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), fc.constant(null))
    const doc = fc.record({ a: value, b: fc.oneof(value, fc.record({ y: value })), arr: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }) }, { requiredKeys: [] })
    const op = fc.oneof(
      fc.record({ $set: fc.dictionary(key, value, { maxKeys: 2 }) }),
      fc.record({ $inc: fc.dictionary(key, fc.integer({ min: -3, max: 3 }), { maxKeys: 2 }) }),
      fc.record({ $push: fc.dictionary(key, value, { maxKeys: 1 }) }),
      fc.record({ $pull: fc.dictionary(key, value, { maxKeys: 1 }) }),
      fc.record({ $unset: fc.dictionary(key, fc.constant(''), { maxKeys: 2 }) }),
      fc.record({ $max: fc.dictionary(key, fc.integer({ min: -3, max: 3 }), { maxKeys: 1 }) }),
      fc.record({ $addToSet: fc.dictionary(key, value, { maxKeys: 1 }) }),
      fc.record({ $pop: fc.dictionary(key, fc.constantFrom(1, -1), { maxKeys: 1 }) }),
      fc.record({ $rename: fc.dictionary(key, fc.constantFrom('a', 'c', 'd', 'b.z'), { maxKeys: 1 }) })
    )
    const modifier = fc.array(op, { minLength: 1, maxLength: 3 }).map((ops) => Object.assign({}, ...ops))
    fc.assert(
      fc.property(doc, modifier, (d, m) => {
        const start = { _id: 'g', ...d }
        expect(viaLocal(start, m)).toEqual(viaMingo(start, m))
      }),
      { numRuns: 2000 }
    )
  })
})
