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
