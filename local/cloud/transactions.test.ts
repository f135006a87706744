import { isConflict } from '../../server/db/transaction'
import { openCloud, rejection } from './test-kit'

let t: ReturnType<typeof openCloud>
const balance = async (id = 'a') => ((await t.db.collection('accounts').doc(id).get()).data as any)?.balance
/** whether a promise settles within a few event-loop turns */
const settlesSoon = (p: Promise<unknown>) =>
  Promise.race([p.then(() => true, () => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30))])

beforeEach(async () => {
  t = openCloud({ transactionTimeoutMs: 2_000 })
  await t.db.collection('accounts').add({ data: { _id: 'a', owner: 'u1', balance: 100 } })
})
afterEach(() => t.local.close())

describe('db.runTransaction', () => {
  it('commits and resolves with the callback value; reads see the transaction’s own writes', async () => {
    const _ = t._
    const result = await t.db.runTransaction(async (tx: any) => {
      await tx.collection('accounts').doc('a').update({ data: { balance: _.inc(50) } })
      const mid = (await tx.collection('accounts').doc('a').get()).data.balance
      await tx.collection('journal').add({ data: { _id: 'j1', amount: 50 } })
      const added = (await tx.collection('journal').doc('j1').get()).data
      await tx.collection('journal').doc('j1').remove()
      const removed = (await tx.collection('journal').doc('j1').get()).data
      await tx.collection('lots').doc('l1').set({ data: { n: 1 } })
      return { mid, added, removed }
    })
    expect(result).toEqual({ mid: 150, added: { _id: 'j1', amount: 50 }, removed: null })
    expect(await balance()).toBe(150)
    expect(t.local.store.get('journal', 'j1')).toBeUndefined()
    expect(t.local.store.get('lots', 'l1')?.doc).toEqual({ _id: 'l1', n: 1 })
  })

  it('reads a snapshot taken at start: later outside writes are invisible to it', async () => {
    const tx = await t.db.startTransaction()
    await t.db.collection('accounts').doc('a').update({ data: { balance: 999 } })
    await t.db.collection('accounts').add({ data: { _id: 'b', balance: 1 } })
    expect((await tx.collection('accounts').doc('a').get()).data.balance).toBe(100)
    expect((await tx.collection('accounts').doc('b').get()).data).toBeNull()
    await tx.commit()
  })

  it('its writes stay invisible outside until commit', async () => {
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc('a').update({ data: { balance: 1 } })
    await tx.collection('accounts').add({ data: { _id: 'new', balance: 2 } })
    expect(await balance()).toBe(100)
    expect(await balance('new')).toBeUndefined()
    await tx.commit()
    expect(await balance()).toBe(1)
    expect(await balance('new')).toBe(2)
  })

  it('rolls everything back when the callback throws, and rejects with that error', async () => {
    const err = await rejection(
      t.db.runTransaction(async (tx: any) => {
        await tx.collection('accounts').doc('a').update({ data: { balance: 0 } })
        await tx.collection('journal').add({ data: { _id: 'j' } })
        throw new Error('boom')
      })
    )
    expect(err.message).toBe('boom')
    expect(await balance()).toBe(100)
    expect(t.local.store.get('journal', 'j')).toBeUndefined()
    await t.db.collection('accounts').doc('a').update({ data: { balance: 101 } }) // no lock left behind
    expect(await balance()).toBe(101)
  })

  it('t.rollback(x) rolls back and makes runTransaction reject with x', async () => {
    const err = await rejection(
      t.db.runTransaction(async (tx: any) => {
        await tx.collection('accounts').doc('a').update({ data: { balance: 0 } })
        await tx.rollback({ reason: 'INSUFFICIENT' })
      })
    )
    expect(err).toEqual({ reason: 'INSUFFICIENT' })
    expect(await balance()).toBe(100)
  })

  it('rejects where() queries, where().update/remove, count() and aggregate() inside a transaction', async () => {
    const tx = await t.db.startTransaction()
    const coll = tx.collection('accounts')
    for (const p of [coll.where({ owner: 'u1' }).get(), coll.where({ owner: 'u1' }).update({ data: { x: 1 } }), coll.where({ owner: 'u1' }).remove(), coll.count()]) {
      const err = await rejection(p)
      expect(err.errCode).toBe(-501001)
      expect(err.errMsg).toMatch(/is not allowed in a transaction/)
    }
    expect(() => coll.aggregate()).toThrow(/not allowed in a transaction/)
    await tx.rollback()
    expect(t.local.store.get('accounts', 'a')?.doc).toEqual({ _id: 'a', owner: 'u1', balance: 100 })
  })

  it('db.startTransaction() + commit / rollback', async () => {
    const one = await t.db.startTransaction()
    await one.collection('accounts').doc('a').update({ data: { balance: 7 } })
    await one.commit()
    expect(await balance()).toBe(7)
    const two = await t.db.startTransaction()
    await two.collection('accounts').doc('a').update({ data: { balance: 8 } })
    await two.rollback()
    expect(await balance()).toBe(7)
  })

  it('add inside a transaction fails on an existing _id', async () => {
    const err = await rejection(t.db.runTransaction(async (tx: any) => tx.collection('accounts').add({ data: { _id: 'a' } })))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/E11000 duplicate key/)
  })
})

describe('concurrent writers', () => {
  it('a second transaction writing a locked document fails at once with DATABASE_TRANSACTION_CONFLICT', async () => {
    const a = await t.db.startTransaction()
    const b = await t.db.startTransaction()
    await a.collection('accounts').doc('a').update({ data: { balance: 1 } })
    const err = await rejection(b.collection('accounts').doc('a').update({ data: { balance: 2 } }))
    expect(err.errCode).toBe(-501001)
    expect(err.errMsg).toMatch(/^document\.update:fail -501001 resource system error\. \[ResourceUnavailable\.TransactionConflict\] Transaction is conflict/)
    expect(isConflict(err)).toBe(true)
    // the conflict ended b: its commit reports the conflict as the raw { code } the SDK retries on
    expect(await rejection(b.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    await a.commit()
    expect(await balance()).toBe(1)
  })

  it('two transactions adding the same new _id: the second conflicts', async () => {
    const a = await t.db.startTransaction()
    const b = await t.db.startTransaction()
    await a.collection('journal').add({ data: { _id: 'k', by: 'a' } })
    expect(isConflict(await rejection(b.collection('journal').add({ data: { _id: 'k', by: 'b' } })))).toBe(true)
    await a.commit()
    expect(t.local.store.get('journal', 'k')?.doc.by).toBe('a')
  })

  it('read-modify-write never loses an update: a document changed since the snapshot conflicts', async () => {
    const tx = await t.db.startTransaction()
    const seen = (await tx.collection('accounts').doc('a').get()).data.balance
    await t.db.collection('accounts').doc('a').update({ data: { balance: t._.inc(10) } })
    const err = await rejection(tx.collection('accounts').doc('a').update({ data: { balance: seen + 1 } }))
    expect(isConflict(err)).toBe(true)
    expect(await balance()).toBe(110)
  })

  it('a write outside transactions waits for the lock, then applies on top of the commit', async () => {
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc('a').update({ data: { balance: t._.inc(1) } })
    const outside = t.db.collection('accounts').doc('a').update({ data: { balance: t._.inc(5) } })
    const outsideWhere = t.db.collection('accounts').where({ owner: 'u1' }).update({ data: { touched: true } })
    expect(await settlesSoon(outside)).toBe(false)
    expect(await settlesSoon(outsideWhere)).toBe(false)
    await tx.commit()
    expect((await outside).stats.updated).toBe(1)
    expect((await outsideWhere).stats.updated).toBe(1)
    expect((await t.db.collection('accounts').doc('a').get()).data).toEqual({ _id: 'a', owner: 'u1', balance: 106, touched: true })
  })

  it('plain runTransaction increments from many callers: every success counts, none is lost', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        t.db.runTransaction(async (tx: any) => {
          const cur = (await tx.collection('accounts').doc('a').get()).data.balance
          await tx.collection('accounts').doc('a').update({ data: { balance: cur + 1 } })
        })
      )
    )
    const ok = results.filter((r) => r.status === 'fulfilled').length
    expect(ok).toBeGreaterThanOrEqual(1)
    expect(results.filter((r) => r.status === 'rejected').every((r) => isConflict((r as PromiseRejectedResult).reason))).toBe(true)
    expect(await balance()).toBe(100 + ok)
  })

  it('the SDK does not retry a conflict raised inside the callback (why server/db/transaction.ts exists)', async () => {
    const holder = await t.db.startTransaction()
    await holder.collection('accounts').doc('a').update({ data: { balance: 0 } })
    let runs = 0
    const err = await rejection(
      t.db.runTransaction(async (tx: any) => {
        runs++
        await tx.collection('accounts').doc('a').update({ data: { balance: 5 } })
      })
    )
    expect(isConflict(err)).toBe(true)
    expect(runs).toBe(1)
    await holder.rollback()
  })

  it('an abandoned transaction times out: its locks are released and its commit fails', async () => {
    t.local.close()
    t = openCloud({ transactionTimeoutMs: 60 })
    await t.db.collection('accounts').add({ data: { _id: 'a', balance: 100 } })
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc('a').update({ data: { balance: 0 } })
    const started = Date.now()
    await t.db.collection('accounts').doc('a').update({ data: { balance: 1 } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(40)
    expect(await balance()).toBe(1)
    expect(await rejection(tx.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringMatching(/timed out/) })
  })
})
