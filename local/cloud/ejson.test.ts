import fc from 'fast-check'
import { decodeDoc, encodeDoc, parseWire } from './ejson'
import { internals } from './sdk'

const { EJSON } = internals.bson()
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ObjectId, Long, Decimal128, Int32, Double } = require(require.resolve('bson', { paths: [require.resolve('@cloudbase/database/package.json', { paths: [require.resolve('@cloudbase/node-sdk/package.json', { paths: [require.resolve('wx-server-sdk')] })] })] }))

/** The first implementations (a replacer and a reviver): the fast ones must agree with them. */
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]'
function referenceEncode(doc: unknown): string {
  const bson = Symbol('bson')
  try {
    return JSON.stringify(doc, function (this: any, key: string, value: unknown) {
      const raw = this[key]
      if (isDate(raw)) return { $date: raw.getTime() }
      if (raw && typeof raw === 'object' && '_bsontype' in raw) throw bson
      return value
    })
  } catch (e) {
    if (e !== bson) throw e
    return EJSON.stringify(doc, { relaxed: true, legacy: true })
  }
}
function referenceDecode(text: string): any {
  if (!text.includes('"$')) return JSON.parse(text)
  const other = Symbol('other')
  try {
    return JSON.parse(text, (_key, value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
      const keys = Object.keys(value)
      if (keys.length === 1 && keys[0] === '$date' && typeof value.$date === 'number') return new Date(value.$date)
      if (keys.some((k) => k.startsWith('$'))) throw other
      return value
    })
  } catch (e) {
    if (e !== other) throw e
    return EJSON.parse(text, { relaxed: true })
  }
}

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.integer(),
    fc.double({ noNaN: false }),
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: false }),
    fc.constant(Buffer.from('ab')),
    fc.integer().map((n) => ({ $date: n })) // reads back as a Date: the stored form is ambiguous by design
  ),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', '$x', '__proto__', 'x.y'), tie('node'), { maxKeys: 3 }))
}))

describe('encodeDoc / decodeDoc', () => {
  it('store Dates as {"$date": ms} and read them back as Dates', () => {
    const doc = { _id: 'a', at: new Date(6), list: [{ at: new Date(7) }, 1], nested: { deep: { at: new Date(8) } } }
    const text = encodeDoc(doc)
    expect(text).toBe('{"_id":"a","at":{"$date":6},"list":[{"at":{"$date":7}},1],"nested":{"deep":{"at":{"$date":8}}}}')
    expect(decodeDoc(text)).toEqual(doc)
    expect(doc.at).toBeInstanceOf(Date) // the input is not touched
  })

  it('agree with the replacer / reviver versions on generated values', () => {
    fc.assert(
      fc.property(value.node, (v) => {
        const text = encodeDoc(v)
        expect(text).toBe(referenceEncode(v))
        if (text !== undefined) expect(decodeDoc(text)).toEqual(referenceDecode(text))
      }),
      { numRuns: 3000 }
    )
  })

  it('hand other BSON values to EJSON, both ways', () => {
    const doc = { _id: 'b', ref: new ObjectId('64b7f0c2a1b2c3d4e5f60718'), at: new Date(9) }
    const text = encodeDoc(doc)
    expect(text).toBe(referenceEncode(doc))
    expect(text).toContain('"$oid":"64b7f0c2a1b2c3d4e5f60718"')
    expect(decodeDoc(text)).toEqual(referenceDecode(text))
  })

  it('keep a "__proto__" key an own property', () => {
    const doc = decodeDoc('{"__proto__":{"$date":5},"a":1}')
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(doc, '__proto__')?.value).toEqual(new Date(5))
  })
})

/** Values as the SDK sends them: canonical EJSON of documents, queries and update operators. */
const wireValue = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.integer(),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((n) => new Int32(n)),
    fc.double(),
    fc.double().map((d) => new Double(d)),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((b) => Long.fromString(b.toString())),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).map((n) => Long.fromNumber(n)),
    fc.string({ maxLength: 4 }),
    fc.constantFrom('$x', '"$date"', 'a\u0000b'),
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: true }),
    fc.constant(new ObjectId('64b7f0c2a1b2c3d4e5f60718')),
    fc.constant(Decimal128.fromString('1.5'))
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', '$inc', '$set', '$eq', '$in', '$tcb_server_date', '__proto__', 'x.y'), tie('node'), { maxKeys: 3 })
  )
}))

/** Raw JSON with `$` keys bson may treat specially, in odd combinations. */
const oddJson = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constantFrom('12', '-0', '007', '1e3', '2026-01-01T00:00:00Z', 'NaN', '-Infinity', '9007199254740993'), fc.constant(null), fc.boolean()),
    fc.array(tie('node'), { maxLength: 2 }),
    fc.dictionary(fc.constantFrom('$numberInt', '$numberDouble', '$numberLong', '$date', '$undefined', '$ref', '$id', 'a', '$inc'), tie('node'), { maxKeys: 2 })
  )
}))

/** Dates parsed from a broken `$date` are "now" in bson: compare everything but those instants. */
const comparable = (v: unknown) =>
  v === undefined ? v : JSON.parse(JSON.stringify(v, function (this: any, k, x) {
    if (typeof x === 'number' && Number.isNaN(x)) return 'NaN'
    return Object.prototype.toString.call(this[k]) === '[object Date]' ? 'a Date' : x
  }))

function outcome(run: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: run() }
  } catch (e) {
    return { error: (e as Error).message }
  }
}

describe('parseWire', () => {
  const reference = (text: string) => EJSON.parse(text, { relaxed: true })

  it('reads what the SDK sends: numbers, Longs, Dates, operators', () => {
    const text = EJSON.stringify({ $inc: { balance: -30000 }, $set: { at: new Date(6), n: 1.5, big: Long.fromString('1767225600000') } }, { relaxed: false })
    expect(text).toContain('"$numberInt":"-30000"')
    expect(parseWire(text)).toEqual({ $inc: { balance: -30000 }, $set: { at: new Date(6), n: 1.5, big: 1767225600000 } })
  })

  it('agrees with bson on canonical EJSON of generated values', () => {
    fc.assert(
      fc.property(wireValue.node, (v) => {
        const text = EJSON.stringify(v, { relaxed: false })
        let expected: unknown, error: unknown
        try {
          expected = reference(text)
        } catch (e) {
          error = e
        }
        if (error) expect(() => parseWire(text)).toThrow((error as Error).message)
        else expect(parseWire(text)).toEqual(expected)
      }),
      { numRuns: 3000 }
    )
  })

  it('agrees with bson on odd JSON with `$` keys', () => {
    fc.assert(
      fc.property(oddJson.node, (v) => {
        const text = JSON.stringify(v)
        const got = outcome(() => parseWire(text))
        const expected = outcome(() => reference(text))
        expect(got.error).toBe(expected.error)
        expect(Object.prototype.toString.call(got.value)).toBe(Object.prototype.toString.call(expected.value))
        expect(comparable(got.value)).toEqual(comparable(expected.value))
      }),
      { numRuns: 3000 }
    )
  })
})
