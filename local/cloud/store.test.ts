import fs from 'fs'
import os from 'os'
import path from 'path'
import fc from 'fast-check'
import { find } from 'mingo'
import { Store } from './store'

const INDEXES = {
  orders: [
    { name: 'status_expire', fields: [['status', 1], ['expireAt', 1]] as Array<[string, 1 | -1]> },
    { name: 'openid_created', fields: [['openid', 1], ['createdAt', -1]] as Array<[string, 1 | -1]> }
  ],
  journal: [
    { name: 'member_time', fields: [['memberId', 1], ['seq', -1]] as Array<[string, 1 | -1]> },
    { name: 'ref', fields: [['ref', 1]] as Array<[string, 1 | -1]>, unique: true }
  ]
}

function open(file = ':memory:') {
  const store = new Store({ file, indexes: INDEXES })
  store.createCollection('orders')
  store.createCollection('journal')
  return store
}

describe('SQL push-down on indexed fields', () => {
  let store: Store
  beforeEach(() => {
    store = open()
  })
  afterEach(() => store.close())

  it('equality and Date ranges on indexed fields use the expression indexes', () => {
    expect(store.explain('orders', { status: 'pending', expireAt: { $lt: new Date() } }).join(' ')).toMatch(/USING INDEX ix_orders__status_expire/)
    expect(store.explain('orders', { openid: 'u1' }).join(' ')).toMatch(/USING INDEX ix_orders__openid_created/)
    expect(store.explain('journal', { $and: [{ memberId: 'm' }, { seq: { $gt: 5 } }] }).join(' ')).toMatch(/USING INDEX ix_journal__member_time/)
    expect(store.explain('orders', { _id: { $in: ['a', 'b'] } }).join(' ')).toMatch(/USING (INDEX|PRIMARY KEY)/)
    expect(store.explain('orders', { amount: 5 }).join(' ')).toMatch(/SCAN/)
  })

  it('Dates compare as instants in pushed-down ranges', () => {
    const t0 = Date.UTC(2026, 0, 1)
    store.write(
      Array.from({ length: 10 }, (_x, i) => ({ coll: 'orders', id: `o${i}`, doc: { _id: `o${i}`, status: 'pending', expireAt: new Date(t0 + i * 60_000) } }))
    )
    const due = store.find('orders', { status: 'pending', expireAt: { $lte: new Date(t0 + 3 * 60_000) } })
    expect(due.map((d) => d.id)).toEqual(['o0', 'o1', 'o2', 'o3'])
    expect(due[0].doc.expireAt).toBeInstanceOf(Date)
  })

  it('gives exactly what mingo gives over all documents, for generated documents and filters', () => {
    const value = fc.oneof(
      fc.constantFrom('a', 'b', 'c'),
      fc.integer({ min: -3, max: 3 }),
      fc.boolean(),
      fc.constant(null),
      fc.integer({ min: 0, max: 5 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)))
    )
    // scalars only: an array would switch push-down off for its field (tested below)
    const doc = fc.record({ status: value, expireAt: value, openid: value, amount: value }, { requiredKeys: [] })
    const op = fc.oneof(
      value.map((v) => v),
      value.map((v) => ({ $eq: v })),
      fc.array(value, { minLength: 1, maxLength: 3 }).map((v) => ({ $in: v })),
      fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), value).map(([o, v]) => ({ [o]: v }))
    )
    const filter = fc.record({ status: op, expireAt: op, openid: op }, { requiredKeys: [] })
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 25 }), filter, (docs, f) => {
        const s = open()
        try {
          s.write(docs.map((d, i) => ({ coll: 'orders', id: `d${i}`, doc: { _id: `d${i}`, ...d } })))
          const all = s.find('orders').map((d) => d.doc)
          const expected = find(all, f).all().map((d) => d._id)
          expect(s.find('orders', f).map((d) => d.id)).toEqual(expected)
          if (typeof f.openid === 'string') expect(s.explain('orders', f).join(' ')).toMatch(/USING INDEX/)
        } finally {
          s.close()
        }
      }),
      { numRuns: 300 }
    )
  })

  it('reuses a compiled filter by key, and the reused one still sees every change', () => {
    const key = '{"status":"pending"}'
    store.write([{ coll: 'orders', id: 'a', doc: { _id: 'a', status: 'pending' } }])
    expect(store.find('orders', { status: 'pending' }, key).map((d) => d.id)).toEqual(['a'])
    store.write([
      { coll: 'orders', id: 'a', doc: { _id: 'a', status: 'paid' } },
      { coll: 'orders', id: 'b', doc: { _id: 'b', status: 'pending' } }
    ])
    expect(store.find('orders', { status: 'pending' }, key).map((d) => d.id)).toEqual(['b'])
    // regex filters are compiled afresh each time (a g-flag RegExp has state): same answer twice
    const g = /^p/g
    expect(store.find('orders', { status: g }, '{"status":{"$regex":"^p"}}').map((d) => d.id)).toEqual(['a', 'b'])
    expect(store.find('orders', { status: g }, '{"status":{"$regex":"^p"}}').map((d) => d.id)).toEqual(['a', 'b'])
  })

  it('stops pushing a field down once it held an array (MongoDB matches elements)', () => {
    store.write([
      { coll: 'orders', id: 'x', doc: { _id: 'x', status: ['paid', 'vip'] } },
      { coll: 'orders', id: 'y', doc: { _id: 'y', status: 'paid' } }
    ])
    expect(store.find('orders', { status: 'paid' }).map((d) => d.id)).toEqual(['x', 'y'])
    expect(store.explain('orders', { status: 'paid' }).join(' ')).not.toMatch(/ix_orders__status_expire/)
  })
})

describe('unique indexes', () => {
  it('refuse a second document with the same key (missing counts as null, as in MongoDB) and roll the batch back', () => {
    const store = open()
    store.write([{ coll: 'journal', id: 'a', doc: { _id: 'a', ref: 'r1' } }])
    expect(() => store.write([{ coll: 'journal', id: 'b', doc: { _id: 'b', ref: 'r1' } }])).toThrow(
      /E11000 duplicate key error collection: journal index: ref/
    )
    expect(() =>
      store.write([
        { coll: 'journal', id: 'c', doc: { _id: 'c', ref: 'r2' } },
        { coll: 'journal', id: 'd', doc: { _id: 'd' } },
        { coll: 'journal', id: 'e', doc: { _id: 'e', ref: null } }
      ])
    ).toThrow(/E11000/)
    expect(store.find('journal').map((d) => d.id)).toEqual(['a'])
    store.write([{ coll: 'journal', id: 'a', doc: { _id: 'a', ref: 'r1', n: 2 } }]) // rewriting the owner is fine
    expect(store.get('journal', 'a')?.version).toBe(2)
    store.close()
  })
})

describe('file-backed store', () => {
  it('uses WAL and keeps documents, versions, collections and indexes across reopen', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-store-'))
    const file = path.join(dir, 'db.sqlite')
    const a = open(file)
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal')
    a.createCollection('extra')
    a.write([{ coll: 'orders', id: 'o', doc: { _id: 'o', status: 'paid', at: new Date(5) } }])
    a.write([{ coll: 'orders', id: 'o', doc: { _id: 'o', status: 'done', at: new Date(6) } }])
    a.close()
    const b = new Store({ file, indexes: INDEXES })
    expect(b.collections()).toEqual(['extra', 'journal', 'orders'])
    expect(b.get('orders', 'o')).toEqual({
      id: 'o',
      doc: { _id: 'o', status: 'done', at: new Date(6) },
      body: '{"_id":"o","status":"done","at":{"$date":6}}',
      version: 2
    })
    expect(b.explain('orders', { status: 'done' }).join(' ')).toMatch(/ix_orders__status_expire/)
    b.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
