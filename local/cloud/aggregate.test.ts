import { openCloud } from './test-kit'

let t: ReturnType<typeof openCloud>
beforeEach(async () => {
  t = openCloud()
  await t.db.collection('journal').add({
    data: [
      { memberId: 'm1', kind: 'recharge', amount: 300 },
      { memberId: 'm1', kind: 'spend', amount: -120 },
      { memberId: 'm2', kind: 'recharge', amount: 500 },
      { memberId: 'm2', kind: 'recharge', amount: 100 },
      { memberId: 'm3', kind: 'spend', amount: -10 }
    ] as any
  })
})
afterEach(() => t.local.close())

describe('aggregate()', () => {
  it('$match + $group ($sum of a field, $sum: 1) + $sort + $skip + $limit + $project', async () => {
    const $ = t.db.command.aggregate
    const res = await t.db
      .collection('journal')
      .aggregate()
      .match({ kind: 'recharge' })
      .group({ _id: '$memberId', total: $.sum('$amount'), n: $.sum(1) })
      .sort({ total: -1 })
      .skip(0)
      .limit(10)
      .project({ _id: 0, member: '$_id', total: 1, n: 1 })
      .end()
    expect(res.errMsg).toBe('collection.aggregate:ok')
    expect(res.list).toEqual([
      { member: 'm2', total: 600, n: 2 },
      { member: 'm1', total: 300, n: 1 }
    ])
  })

  it('$count, and $skip/$limit after $sort', async () => {
    const counted = await t.db.collection('journal').aggregate().match({ amount: t._.lt(0) }).count('spends').end()
    expect(counted.list).toEqual([{ spends: 2 }])
    const page = await t.db.collection('journal').aggregate().sort({ amount: 1 }).skip(1).limit(2).project({ _id: 0, amount: 1 }).end()
    expect(page.list).toEqual([{ amount: -10 }, { amount: 100 }])
  })

  it('returns 20 results when the pipeline has no $limit stage (as WeChat does), all with one', async () => {
    await t.db.collection('lots').add({ data: Array.from({ length: 30 }, (_x, i) => ({ i })) as any })
    expect((await t.db.collection('lots').aggregate().match({}).end()).list).toHaveLength(20)
    expect((await t.db.collection('lots').aggregate().match({}).limit(1000).end()).list).toHaveLength(30)
  })
})

// CloudBase node-sdk test/database/unit/aggregation.test.ts; MongoDB docs for $substrBytes (negative length) and $week
describe('expression operators mingo lacks or answers differently', () => {
  const project = async (spec: object, doc: object) => {
    await t.db.collection('members').add({ data: { _id: 'x', ...doc } })
    const res = await t.db.collection('members').aggregate().match({ _id: 'x' }).project({ _id: 0, ...spec }).end()
    return res.list[0]
  }

  it('$indexOfCP counts code points; null for a missing string, -1 when absent', async () => {
    const $ = t.db.command.aggregate
    expect(await project({ a: $.indexOfCP(['$s', 'wö']), b: $.indexOfCP(['$s', 'zz']), c: $.indexOfCP(['$none', 'a']), d: $.indexOfCP(['$s', 'l', 4]) }, { s: 'héllo wörld' })).toEqual({
      a: 6,
      b: -1,
      c: null,
      d: 9
    })
  })

  it('$substr / $substrBytes with length -1 return the rest of the string', async () => {
    const $ = t.db.command.aggregate
    expect(await project({ a: $.substr(['$s', 2, -1]), b: $.substrBytes(['$s', 0, -1]), c: $.substrBytes(['$s', 1, 2]) }, { s: 'abcdef' })).toEqual({
      a: 'cdef',
      b: 'abcdef',
      c: 'bc'
    })
  })

  it('$week: Sunday starts a week, days before the first Sunday are week 0, the timezone counts', async () => {
    const $ = t.db.command.aggregate
    const at = (iso: string) => new Date(iso)
    expect(
      await project(
        {
          sun: $.week('$sun'),
          thu: $.week('$thu'),
          dec31: $.week('$dec31'),
          sat: $.week('$sat'),
          shanghai: $.week({ date: '$late', timezone: 'Asia/Shanghai' }),
          utc: $.week('$late')
        },
        { sun: at('2026-01-04T12:00:00Z'), thu: at('2026-01-01T00:00:00Z'), dec31: at('2025-12-31T00:00:00Z'), sat: at('2023-01-07T00:00:00Z'), late: at('2026-01-03T20:00:00Z') }
      )
    ).toEqual({ sun: 1, thu: 0, dec31: 52, sat: 1, shanghai: 1, utc: 0 })
  })
})
