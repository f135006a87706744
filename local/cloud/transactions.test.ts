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
    const calls = [
      () => coll.where({ owner: 'u1' }).get(),
      () => coll.where({ owner: 'u1' }).update({ data: { x: 1 } }),
      () => coll.where({ owner: 'u1' }).remove(),
      () => coll.count()
    ]
    for (const call of calls) {
      const err = await rejection(call())
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
    t = openCloud({ transactionTimeoutMs: 300 })
    await t.db.collection('accounts').add({ data: { _id: 'a', balance: 100 } })
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc('a').update({ data: { balance: 0 } })
    const outside = t.db.collection('accounts').doc('a').update({ data: { balance: 1 } })
    expect(await settlesSoon(outside)).toBe(false) // waits for the lock…
    await outside // …until the holder times out
    expect(await balance()).toBe(1)
    expect(await rejection(tx.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: TRANSACTION_NOT_EXIST })
  })
})

/** node-sdk test/database/unit/transaction.test.ts: '读偏' (conflict) and '事务提交后, 不能进行其它操作' (after commit) */
const CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
const TRANSACTION_NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

describe('errors carry the real texts and shapes (CloudBase node-sdk transaction tests)', () => {
  it('a call after commit fails DATABASE_TRANSACTION_FAIL with the real TransactionNotExist text', async () => {
    const tx = await t.db.startTransaction()
    await tx.commit()
    const err = await rejection(tx.collection('accounts').doc('a').set({ data: { category: 'Node.js' } }))
    expect(err.errCode).toBe(-501001)
    expect(err.errMsg).toBe(`document.set:fail -501001 resource system error. ${TRANSACTION_NOT_EXIST}`)
    // and the raw reply of a second commit is what the SDK's requester throws: an Error with code and message
    const raw = await rejection(tx.commit())
    expect(raw).toBeInstanceOf(Error)
    expect(raw).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: TRANSACTION_NOT_EXIST })
    expect(isConflict(raw)).toBe(false)
  })

  it('a conflicting write carries the exact conflict text, and commit rejects with an Error (node-sdk 3.17.2 throws on code)', async () => {
    const a = await t.db.startTransaction()
    const b = await t.db.startTransaction()
    await a.collection('accounts').doc('a').update({ data: { balance: 1 } })
    const err = await rejection(b.collection('accounts').doc('a').update({ data: { balance: 2 } }))
    expect(err.errMsg).toBe(`document.update:fail -501001 resource system error. ${CONFLICT}`)
    const commit = await rejection(b.commit())
    expect(commit).toBeInstanceOf(Error)
    expect(commit).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT })
    expect(isConflict(commit)).toBe(true)
    await a.commit()
  })
})

describe('one operation at a time inside a transaction (MongoDB sessions; /work/shared/docs/wechat-tech.md §D)', () => {
  it('Promise.all over reads of one transaction is refused and ends the transaction: nothing is written', async () => {
    let wrote = false
    const err = await rejection(
      t.db.runTransaction(async (tx: any) => {
        await tx.collection('accounts').doc('a').update({ data: { balance: 1 } })
        await Promise.all([tx.collection('accounts').doc('a').get(), tx.collection('journal').doc('j').get()])
        wrote = true
      })
    )
    expect(err.errMsg).toMatch(/still in flight: operations inside one transaction must run one after another/)
    expect(wrote).toBe(false)
    expect(await balance()).toBe(100)
  })

  it('a refused call ends the transaction: its commit reports why', async () => {
    const tx = await t.db.startTransaction()
    const both = Promise.allSettled([tx.collection('accounts').doc('a').get(), tx.collection('accounts').doc('a').update({ data: { balance: 7 } })])
    const [first, second] = await both
    expect(first.status).toBe('fulfilled')
    expect(second.status).toBe('rejected')
    expect(await rejection(tx.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringMatching(/still in flight/) })
    expect(await balance()).toBe(100)
  })

  it('a write left un-awaited when the callback returns makes the commit fail instead of racing it', async () => {
    let pending: Promise<unknown> | undefined
    const err = await rejection(
      t.db.runTransaction(async (tx: any) => {
        pending = tx.collection('accounts').doc('a').update({ data: { balance: 1 } })
      })
    )
    expect(err).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringMatching(/database\.commitTransaction was sent while another call/) })
    await pending
    expect(await balance()).toBe(100)
  })

  it('the same calls one after another work', async () => {
    await t.db.runTransaction(async (tx: any) => {
      await tx.collection('accounts').doc('a').get()
      await tx.collection('journal').doc('j').get()
      await tx.collection('accounts').doc('a').update({ data: { balance: 5 } })
    })
    expect(await balance()).toBe(5)
  })
})
