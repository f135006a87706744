import { openCloud, rejection } from './test-kit'

let t: ReturnType<typeof openCloud>
const day = (d: number) => new Date(Date.UTC(2026, 0, d))

beforeEach(async () => {
  t = openCloud()
  await t.db.collection('orders').add({
    data: [
      { _id: 'a', openid: 'u1', status: 'paid', amount: 100, createdAt: day(1), tags: ['vip'] },
      { _id: 'b', openid: 'u1', status: 'pending', amount: 300, createdAt: day(2) },
      { _id: 'c', openid: 'u2', status: 'paid', amount: 500, createdAt: day(3), refund: { amount: 50 } },
      { _id: 'd', openid: 'u2', status: 'closed', amount: 50, createdAt: day(4), note: null },
      { _id: 'e', openid: 'u3', status: 'paid', amount: 1000, createdAt: day(5) }
    ] as any
  })
})
afterEach(() => t.local.close())

const ids = async (q: { get(): Promise<{ data: unknown }> }) => ((await q.get()).data as Array<{ _id: string }>).map((d) => d._id).sort()

describe('where() with db.command', () => {
  const cases: Array<[string, (_: any) => object, string[]]> = [
    ['plain equality', () => ({ status: 'paid' }), ['a', 'c', 'e']],
    ['eq', (_) => ({ amount: _.eq(300) }), ['b']],
    ['neq', (_) => ({ status: _.neq('paid') }), ['b', 'd']],
    ['gt', (_) => ({ amount: _.gt(300) }), ['c', 'e']],
    ['gte', (_) => ({ amount: _.gte(300) }), ['b', 'c', 'e']],
    ['lt', (_) => ({ amount: _.lt(100) }), ['d']],
    ['lte', (_) => ({ amount: _.lte(100) }), ['a', 'd']],
    ['in', (_) => ({ status: _.in(['pending', 'closed']) }), ['b', 'd']],
    ['nin', (_) => ({ status: _.nin(['paid']) }), ['b', 'd']],
    ['and (field)', (_) => ({ amount: _.gt(60).and(_.lt(600)) }), ['a', 'b', 'c']],
    ['and (top)', (_) => _.and([{ openid: 'u1' }, { amount: _.gte(300) }]), ['b']],
    ['or', (_) => _.or([{ status: 'pending' }, { amount: _.gte(1000) }]), ['b', 'e']],
    ['exists true', (_) => ({ refund: _.exists(true) }), ['c']],
    ['exists false', (_) => ({ refund: _.exists(false) }), ['a', 'b', 'd', 'e']],
    ['dotted path', () => ({ 'refund.amount': 50 }), ['c']],
    ['array element', () => ({ tags: 'vip' }), ['a']],
    ['Date range', (_) => ({ createdAt: _.gte(day(2)).and(_.lt(day(4))) }), ['b', 'c']],
    ['null matches missing and null', () => ({ note: null }), ['a', 'b', 'c', 'd', 'e']]
  ]
  it.each(cases)('%s', async (_name, where, expected) => {
    expect(await ids(t.db.collection('orders').where(where(t._)))).toEqual(expected)
  })
})

describe('orderBy / skip / limit / count / field', () => {
  it('sorts, pages and projects', async () => {
    const page = await t.db.collection('orders').where({ status: 'paid' }).orderBy('amount', 'desc').skip(1).limit(1).field({ amount: true }).get()
    expect(page.data).toEqual([{ _id: 'c', amount: 500 }])
    const byTwo = await t.db.collection('orders').orderBy('openid', 'asc').orderBy('amount', 'desc').get()
    expect((byTwo.data as any[]).map((d) => d._id)).toEqual(['b', 'a', 'c', 'd', 'e'])
  })

  it('count() counts matches, without the 100 cap', async () => {
    expect((await t.db.collection('orders').where({ openid: 'u2' }).count()).total).toBe(2)
    await t.db.collection('journal').add({ data: Array.from({ length: 130 }, (_x, i) => ({ seq: i })) as any })
    expect((await t.db.collection('journal').count()).total).toBe(130)
  })

  // CloudBase node-sdk test/database/unit/query.limit.test.ts; @cloudbase/database 1.4.3 query.js `get` clamps the same way
  it('get returns 100 without limit(), up to 1000 with one: limit(1001) → 1000, limit(101) → 101; skip pages on', async () => {
    await t.db.collection('journal').add({ data: Array.from({ length: 1001 }, (_x, i) => ({ _id: `j${String(i).padStart(4, '0')}`, seq: i })) as any })
    expect((await t.db.collection('journal').get()).data).toHaveLength(100)
    expect((await t.db.collection('journal').limit(101).get()).data).toHaveLength(101)
    expect((await t.db.collection('journal').limit(1000).get()).data).toHaveLength(1000)
    expect((await t.db.collection('journal').limit(1001).get()).data).toHaveLength(1000)
    const rest = await t.db.collection('journal').orderBy('seq', 'asc').skip(1000).limit(100).get()
    expect((rest.data as any[]).map((d) => d.seq)).toEqual([1000])
  })
})

describe('where().update / remove (multi)', () => {
  it('update applies to every match and reports how many matched', async () => {
    const _ = t._
    const res = await t.db.collection('orders').where({ status: 'paid' }).update({ data: { amount: _.inc(1), checked: true } })
    expect(res.stats.updated).toBe(3)
    const paid = (await t.db.collection('orders').where({ checked: true }).orderBy('amount', 'asc').get()).data as any[]
    expect(paid.map((d) => [d._id, d.amount])).toEqual([['a', 101], ['c', 501], ['e', 1001]])
    expect((await t.db.collection('orders').doc('b').get()).data).not.toHaveProperty('checked')
  })

  it('remove deletes every match', async () => {
    const res = await t.db.collection('orders').where({ openid: 'u2' }).remove()
    expect(res.stats.removed).toBe(2)
    expect(await ids(t.db.collection('orders'))).toEqual(['a', 'b', 'e'])
  })
})

// CloudBase refuses a query-less update (INVALID_PARAM, issue 12 item 9); the local cloud refuses remove too
describe('update() / remove() without where() are refused', () => {
  it('collection.update() and collection.remove() fail INVALID_PARAM and change nothing; where({}) still means all', async () => {
    const update = await rejection(t.db.collection('orders').update({ data: { status: 'wiped' } }))
    expect(update.errCode).toBe(-501007)
    expect(update.errMsg).toMatch(/^collection\.update:fail -501007 .*needs a where\(\) condition/)
    const remove = await rejection(t.db.collection('orders').remove())
    expect(remove.errCode).toBe(-501007)
    expect(remove.errMsg).toMatch(/needs a where\(\) condition/)
    expect(await ids(t.db.collection('orders'))).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect((await t.db.collection('orders').where({ status: 'paid' }).get()).data).toHaveLength(3)
    expect((await t.db.collection('orders').where({}).remove()).stats.removed).toBe(5)
  })
})


// CloudBase node-sdk test/database/unit/regex-query.test.ts and advanced-operator.test.ts (`where({ _id: /.*/ }).remove()`)
describe('regular expressions', () => {
  it('a JS RegExp, db.RegExp({ regexp, options }) and _.in with a RegExp match as MongoDB does', async () => {
    expect(await ids(t.db.collection('orders').where({ status: /^PA/i }))).toEqual(['a', 'c', 'e'])
    expect(await ids(t.db.collection('orders').where({ status: t.db.RegExp({ regexp: 'end', options: 'i' }) }))).toEqual(['b'])
    expect(await ids(t.db.collection('orders').where({ status: t._.in([/clo/, 'pending']) }))).toEqual(['b', 'd'])
    expect(await ids(t.db.collection('orders').where({ openid: /u1/, status: 'paid' }))).toEqual(['a'])
    expect((await t.db.collection('orders').where({ status: /paid/ }).count()).total).toBe(3)
  })

  it('where({ _id: /.*/ }).remove() removes every document; update with a regex condition changes the matches', async () => {
    expect((await t.db.collection('orders').where({ openid: /^u2$/ }).update({ data: { seen: true } })).stats.updated).toBe(2)
    expect((await t.db.collection('orders').where({ _id: /.*/ }).remove()).stats.removed).toBe(5)
    expect((await t.db.collection('orders').count()).total).toBe(0)
  })

  it('aggregate $match takes a regex too', async () => {
    const res = await t.db.collection('orders').aggregate().match({ status: /^p/ }).count('n').end()
    expect(res.list).toEqual([{ n: 4 }])
  })
})

// CloudBase node-sdk test/database/unit/advanced-operator.test.ts: 'elemMatch', 'exists', 'mod', 'jsonSchema'
describe('array and schema operators as CloudBase answers them', () => {
  const tagged = [
    { _id: 't1', category: 'Web', tags: ['JavaScript', 'C#'] },
    { _id: 't2', category: 'luke', tags: ['Go'] },
    { _id: 't3', category: 'number', tags: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    { _id: 't4', category: 'embedded', tags: [{ value: 1 }, { value: 7 }] }
  ]
  const where = async (w: object) => ids(t.db.collection('members').where(w))
  beforeEach(async () => {
    await t.db.collection('members').add({ data: tagged as any })
  })

  it('_.elemMatch with field conditions matches only arrays of sub-documents; on values it tests each value', async () => {
    const _ = t._
    expect(await where({ tags: _.elemMatch({ value: _.gt(0) }) })).toEqual(['t4'])
    expect(await where({ tags: _.elemMatch({ value: _.exists(true) }) })).toEqual(['t4'])
    expect(await where({ tags: _.elemMatch({ value: _.mod([4, 3]) }) })).toEqual(['t4'])
    expect(await where({ tags: _.elemMatch(_.gt(2)) })).toEqual(['t3'])
  })

  it('_.jsonSchema works in where() and inside _.nor (bsonType too)', async () => {
    const _ = t._
    expect(await where(_.jsonSchema({ required: ['category'] }))).toEqual(['t1', 't2', 't3', 't4'])
    expect(await where(_.nor([_.jsonSchema({ required: ['category'] })]))).toEqual([])
    expect(await where(_.jsonSchema({ properties: { tags: { bsonType: 'array', items: { bsonType: 'object' } } } }))).toEqual(['t4'])
  })
})
