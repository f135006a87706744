import { isDuplicateKey } from '../../server/db/transaction'
import { isConflict } from '../../server/db/transaction'
import { cloud, openCloud, rejection } from './test-kit'

let t: ReturnType<typeof openCloud>
beforeEach(() => {
  t = openCloud()
})
afterEach(() => t.local.close())

describe('collection().add', () => {
  it('generates a 32-hex _id when none is given and stores the document', async () => {
    const res = await t.db.collection('orders').add({ data: { status: 'pending', amount: 300 } })
    expect(res).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' })
    expect(t.local.store.get('orders', res._id)).toMatchObject({ doc: { _id: res._id, status: 'pending', amount: 300 }, version: 1 })
  })

  it('keeps a given _id; an array adds several and answers _ids', async () => {
    expect((await t.db.collection('orders').add({ data: { _id: 'o1', amount: 1 } }))._id).toBe('o1')
    const many = (await t.db.collection('orders').add({ data: [{ _id: 'o2' }, { _id: 'o3' }] as any })) as any
    expect(many._ids).toEqual(['o2', 'o3'])
    expect((await t.db.collection('orders').count()).total).toBe(3)
  })

  it('FAILS on a duplicate _id: -502001 with MongoDB E11000 text; the first document is untouched', async () => {
    await t.db.collection('orders').add({ data: { _id: 'dup', amount: 1 } })
    const err = await rejection(t.db.collection('orders').add({ data: { _id: 'dup', amount: 2 } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/^collection\.add:fail -502001 database request fail\. .*E11000 duplicate key error collection: orders index: _id_ dup key: \{ _id: "dup" \}/)
    expect(isDuplicateKey(err)).toBe(true)
    expect((await t.db.collection('orders').doc('dup').get()).data).toEqual({ _id: 'dup', amount: 1 })
  })

  it('keeps Dates as Dates and resolves db.serverDate() with the store clock', async () => {
    t.local.setClock(() => Date.UTC(2026, 0, 2, 3, 4, 5))
    const paidAt = new Date(Date.UTC(2025, 11, 31))
    await t.db.collection('orders').add({ data: { _id: 'd', paidAt, createdAt: t.db.serverDate(), later: t.db.serverDate({ offset: 60_000 }) } })
    const { data } = (await t.db.collection('orders').doc('d').get()) as any
    expect(data.paidAt).toBeInstanceOf(Date)
    expect(data.paidAt.getTime()).toBe(paidAt.getTime())
    expect(data.createdAt.toISOString()).toBe('2026-01-02T03:04:05.000Z')
    expect(data.later.getTime() - data.createdAt.getTime()).toBe(60_000)
  })
})

describe('doc().get', () => {
  it('a missing document throws like WeChat (errCode -1) unless throwOnNotFound is false', async () => {
    const strict: any = cloud.database()
    const err = await rejection(strict.collection('orders').doc('missing').get())
    expect(err.errCode).toBe(-1)
    expect(err.errMsg).toBe('document.get:fail document with _id missing does not exist')
    expect(await t.db.collection('orders').doc('missing').get()).toEqual({ data: null, errMsg: 'document.get:ok' })
  })

  it('field() projects the document', async () => {
    await t.db.collection('orders').add({ data: { _id: 'p', a: 1, b: 2 } })
    expect((await t.db.collection('orders').doc('p').field({ a: true }).get()).data).toEqual({ _id: 'p', a: 1 })
  })
})

describe('doc().set / update / remove', () => {
  it('set upserts: created 1 on a new document, updated 1 when it replaces one', async () => {
    const created = await t.db.collection('members').doc('m1').set({ data: { name: 'A', tags: ['x'] } })
    expect(created).toEqual({ _id: 'm1', errMsg: 'document.set:ok', stats: { updated: 0, created: 1 } })
    const replaced = await t.db.collection('members').doc('m1').set({ data: { name: 'B' } })
    expect(replaced.stats).toEqual({ updated: 1, created: 0 })
    expect((await t.db.collection('members').doc('m1').get()).data).toEqual({ _id: 'm1', name: 'B' })
    expect(t.local.store.get('members', 'm1')?.version).toBe(2)
  })

  it('update never upserts: stats.updated 0 and no document when it is missing', async () => {
    const res = await t.db.collection('members').doc('ghost').update({ data: { name: 'x' } })
    expect(res).toEqual({ stats: { updated: 0 }, errMsg: 'document.update:ok' })
    expect(t.local.store.get('members', 'ghost')).toBeUndefined()
  })

  it('update merges plain fields and applies inc / set / remove / push; unchanged data still counts as updated', async () => {
    const _ = t._
    await t.db.collection('accounts').add({ data: { _id: 'a', balance: 100, owner: 'o', tags: ['x'], meta: { k: 1, j: 2 }, tmp: true } })
    const res = await t.db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: _.inc(50), meta: _.set({ k: 9 }), tmp: _.remove(), tags: _.push(['y']), 'nested.v': 2, owner: 'o2' } })
    expect(res.stats.updated).toBe(1)
    expect((await t.db.collection('accounts').doc('a').get()).data).toEqual({
      _id: 'a',
      balance: 150,
      owner: 'o2',
      tags: ['x', 'y'],
      meta: { k: 9 },
      nested: { v: 2 }
    })
    // `updated` counts matched documents; nothing is written when nothing changes
    expect((await t.db.collection('accounts').doc('a').update({ data: { owner: 'o2' } })).stats.updated).toBe(1)
    expect(t.local.store.get('accounts', 'a')?.version).toBe(2)
  })

  // CloudBase node-sdk test/database/unit/document.test.ts: set() of the same data right after add() reports updated 1
  it('set() of identical data reports updated 1 (matched), in and outside transactions', async () => {
    await t.db.collection('members').add({ data: { _id: 'same', name: 'A' } })
    expect((await t.db.collection('members').doc('same').set({ data: { name: 'A' } })).stats).toEqual({ updated: 1, created: 0 })
    expect((await t.db.collection('members').where({ name: 'A' }).update({ data: { name: 'A' } })).stats.updated).toBe(1)
    expect(t.local.store.get('members', 'same')?.version).toBe(1) // nothing written
    await t.db.runTransaction(async (tx: any) => {
      expect((await tx.collection('members').doc('same').set({ data: { name: 'A' } })).stats.updated).toBe(1)
      expect((await tx.collection('members').doc('same').update({ data: { name: 'A' } })).stats.updated).toBe(1)
    })
  })

  it('remove deletes the document (removed 1), then removes nothing (removed 0)', async () => {
    await t.db.collection('lots').add({ data: { _id: 'l' } })
    expect((await t.db.collection('lots').doc('l').remove()).stats.removed).toBe(1)
    expect((await t.db.collection('lots').doc('l').remove()).stats.removed).toBe(0)
    expect(t.local.store.get('lots', 'l')).toBeUndefined()
  })
})

describe('unique indexes (IndexSpec.unique)', () => {
  const indexes = { campaign_uses: [{ name: 'member_campaign', fields: [['openid', 1], ['campaignId', 1]] as Array<[string, 1 | -1]>, unique: true }] }

  it('add fails like a duplicate _id when the unique key exists', async () => {
    t.local.close()
    t = openCloud({ indexes })
    await t.db.collection('campaign_uses').add({ data: { openid: 'o', campaignId: 'c1' } })
    await t.db.collection('campaign_uses').add({ data: { openid: 'o', campaignId: 'c2' } })
    const err = await rejection(t.db.collection('campaign_uses').add({ data: { openid: 'o', campaignId: 'c1' } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/E11000 duplicate key error collection: campaign_uses index: member_campaign/)
    expect(isDuplicateKey(err)).toBe(true)
    expect((await t.db.collection('campaign_uses').count()).total).toBe(2)
  })

  it('two transactions claiming the same key under different _ids: the second commit fails, nothing of it lands', async () => {
    t.local.close()
    t = openCloud({ indexes })
    const a = await t.db.startTransaction()
    const b = await t.db.startTransaction()
    await a.collection('campaign_uses').add({ data: { _id: 'A', openid: 'o', campaignId: 'c1' } })
    await b.collection('campaign_uses').add({ data: { _id: 'B', openid: 'o', campaignId: 'c1' } })
    await b.collection('members').doc('o').set({ data: { used: true } })
    await a.commit()
    const err = await rejection(b.commit())
    expect(isDuplicateKey(err)).toBe(true)
    expect(isConflict(err)).toBe(false)
    expect(t.local.store.get('campaign_uses', 'B')).toBeUndefined()
    expect(t.local.store.get('members', 'o')).toBeUndefined()
  })
})

describe('field names and values the real database treats differently', () => {
  // CloudBase answers add({ $_key: 1 }) with DATABASE_REQUEST_FAILED (issue 12 item 4; MongoDB refuses $-prefixed field names)
  it('refuses field names starting with $ in add() and set(), nested too, and writes nothing', async () => {
    for (const write of [
      () => t.db.collection('members').add({ data: { _id: 'd1', $_key: 1 } }),
      () => t.db.collection('members').add({ data: { _id: 'd2', deep: [{ $x: 1 }] } }),
      () => t.db.collection('members').doc('d3').set({ data: { $_key: 1 } }),
      () => t.db.runTransaction((tx: any) => tx.collection('members').add({ data: { _id: 'd4', $_key: 1 } }))
    ]) {
      const err = await rejection(write())
      expect(err.errCode).toBe(-502001)
      expect(err.errMsg).toMatch(/\$ prefixed field names: \$(_key|x)/)
    }
    expect((await t.db.collection('members').count()).total).toBe(0)
  })

  // CloudBase node-sdk test/database/unit/oid.test.ts ('非 _id 为oid 结构插入'): the field reads back as the hex string
  it('a field holding db.ObjectId(...) reads back as its hex string, and a query with the ObjectId finds it', async () => {
    const hex = '5f1e3d2c1b0a99887766aabb'
    const ObjectId = t.db._db.ObjectId
    await t.db.collection('members').add({ data: { _id: 'o1', inviter: ObjectId({ id: hex }) } })
    const found = await t.db.collection('members').where({ inviter: ObjectId({ id: hex }) }).get()
    expect(found.data).toEqual([{ _id: 'o1', inviter: hex }])
    expect((await t.db.collection('members').doc('o1').get()).data).toEqual({ _id: 'o1', inviter: hex })
    expect((await t.db.collection('members').doc('o1').field({ inviter: true }).get()).data).toEqual({ _id: 'o1', inviter: hex })
    await t.db.runTransaction(async (tx: any) => expect((await tx.collection('members').doc('o1').get()).data.inviter).toBe(hex))
  })
})

