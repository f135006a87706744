import { COLLECTIONS } from '../../server/db/indexes'
import { openCloud, rejection } from './test-kit'

let t: ReturnType<typeof openCloud>
beforeEach(() => {
  t = openCloud()
})
afterEach(() => t.local.close())

describe('collections', () => {
  it('every collection in COLLECTIONS exists from the start and is empty', async () => {
    expect(t.local.store.collections()).toEqual(expect.arrayContaining(Object.values(COLLECTIONS)))
    for (const name of Object.values(COLLECTIONS)) {
      expect((await t.db.collection(name).count()).total).toBe(0)
    }
  })

  it('a call on a missing collection fails with DATABASE_COLLECTION_NOT_EXIST (-502005)', async () => {
    const errors = [
      await rejection(t.db.collection('nope').get()),
      await rejection(t.db.collection('nope').add({ data: { a: 1 } })),
      await rejection(t.db.collection('nope').doc('x').get())
    ]
    for (const err of errors) {
      expect(err.errCode).toBe(-502005)
      expect(err.errMsg).toMatch(/:fail -502005 database collection not exists\. \[ResourceNotFound\] Db or Table not exist: nope/)
    }
  })

  it('db.createCollection creates a usable collection; creating it again fails', async () => {
    const res = await t.db.createCollection('extra_things')
    expect(res.errMsg).toBe('createCollection:ok')
    await t.db.collection('extra_things').add({ data: { _id: 'a', n: 1 } })
    expect((await t.db.collection('extra_things').doc('a').get()).data).toEqual({ _id: 'a', n: 1 })
    const again = await rejection(t.db.createCollection('extra_things'))
    // the requester throws a TcbError (an Error), which wx-server-sdk's toSDKError prefixes and gives errCode -1
    expect(again.errCode).toBe(-1)
    expect(again.errMsg).toMatch(/^createCollection:fail \[ResourceInUse\] Table exist: extra_things/)
  })
})
