import { openCloud, rejection } from '../../local/cloud/test-kit'
import { inTransaction, isConflict, isDuplicateKey } from './transaction'

let t: ReturnType<typeof openCloud>
const counter = async () => ((await t.db.collection('accounts').doc('c').get()).data as any).n

beforeEach(async () => {
  t = openCloud()
  await t.db.collection('accounts').add({ data: { _id: 'c', n: 0 } })
})
afterEach(() => t.local.close())

describe('inTransaction', () => {
  it('20 concurrent get + _.inc transactions end with the counter at 20', async () => {
    const _ = t._
    const seen = await Promise.all(
      Array.from({ length: 20 }, () =>
        inTransaction(
          t.db,
          async (tx) => {
            const before = (await tx.collection('accounts').doc('c').get()).data as any
            await tx.collection('accounts').doc('c').update({ data: { n: _.inc(1) } })
            return before.n as number
          },
          { attempts: 21 }
        )
      )
    )
    expect(await counter()).toBe(20)
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_x, i) => i))
  })

  it('20 concurrent read-modify-write transactions (set value + 1) end at 20: conflicts are retried', async () => {
    // Bounded by count, not by luck: every conflict means another transaction holds the lock and
    // commits, so each round has a winner and 20 contenders need at most 20 tries. The default (8)
    // is for real traffic; on a busy machine 20 contenders on one document could exhaust it.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        inTransaction(
          t.db,
          async (tx) => {
            const cur = ((await tx.collection('accounts').doc('c').get()).data as any).n
            await tx.collection('accounts').doc('c').set({ data: { n: cur + 1 } })
          },
          { attempts: 21 }
        )
      )
    )
    expect(await counter()).toBe(20)
  })

  it('never retries other errors', async () => {
    let runs = 0
    const err = await rejection(
      inTransaction(t.db, async (tx) => {
        runs++
        await tx.collection('accounts').doc('c').update({ data: { n: 5 } })
        throw new Error('business rule')
      })
    )
    expect(err.message).toBe('business rule')
    expect(runs).toBe(1)
    expect(await counter()).toBe(0)
  })

  it('passes a rollback reason through untouched, without retrying', async () => {
    let runs = 0
    const err = await rejection(
      inTransaction(t.db, async (tx) => {
        runs++
        await tx.rollback({ code: 'INSUFFICIENT_BALANCE' })
      })
    )
    expect(err).toEqual({ code: 'INSUFFICIENT_BALANCE' })
    expect(runs).toBe(1)
  })

  it('gives up after `attempts` tries and rethrows the conflict', async () => {
    const holder = await t.db.startTransaction()
    await holder.collection('accounts').doc('c').update({ data: { n: 99 } })
    let runs = 0
    const err = await rejection(
      inTransaction(
        t.db,
        async (tx) => {
          runs++
          await tx.collection('accounts').doc('c').update({ data: { n: 1 } })
        },
        { attempts: 3, baseDelayMs: 1 }
      )
    )
    expect(isConflict(err)).toBe(true)
    expect(runs).toBe(3)
    await holder.rollback()
    expect(await counter()).toBe(0)
  })
})

describe('isConflict / isDuplicateKey', () => {
  it('recognise each way the errors surface', () => {
    expect(isConflict({ code: 'DATABASE_TRANSACTION_CONFLICT', message: 'x' })).toBe(true)
    expect(
      isConflict({ errCode: -501001, errMsg: 'document.update:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict' })
    ).toBe(true)
    expect(isConflict(new Error('DATABASE_TRANSACTION_CONFLICT'))).toBe(true)
    expect(isConflict({ errCode: -501001, errMsg: 'collection.add:fail -501001 resource system error. E11000 duplicate key' })).toBe(false)
    expect(isConflict(undefined)).toBe(false)

    expect(isDuplicateKey({ errCode: -502001, errMsg: 'collection.add:fail -502001 database request fail. E11000 duplicate key error' })).toBe(true)
    expect(isDuplicateKey({ code: 'DATABASE_DUPLICATE_WRITE' })).toBe(true)
    expect(isDuplicateKey({ errCode: -501001, errMsg: 'collection.add:fail -501001 resource system error. DATABASE_DUPLICATE_WRITE' })).toBe(true)
    expect(isDuplicateKey({ errCode: -501001, errMsg: 'Transaction is conflict' })).toBe(false)
  })

  it('work with the real texts and shapes: the Error node-sdk 3.17.2 throws from commit, and the SDK-wrapped errMsg', () => {
    // texts from CloudBase node-sdk test/database/unit/transaction.test.ts; the requester throws
    // `new TcbError({ code, message, requestId })` (node-sdk dist/utils/utils.js processReturn)
    const tcbError = (code: string, message: string) => Object.assign(new Error(message), { code, requestId: 'r' })
    const conflict = '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
    const gone = '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'
    expect(isConflict(tcbError('DATABASE_TRANSACTION_CONFLICT', conflict))).toBe(true)
    expect(isConflict(Object.assign(new Error(`document.update:fail -501001 resource system error. ${conflict}`), { errCode: -501001 }))).toBe(true)
    expect(isConflict(tcbError('DATABASE_TRANSACTION_FAIL', gone))).toBe(false)
    expect(isDuplicateKey(tcbError('DATABASE_TRANSACTION_FAIL', gone))).toBe(false)
    expect(isDuplicateKey(tcbError('DATABASE_REQUEST_FAILED', '[FailedOperation] E11000 duplicate key error collection: orders index: _id_ dup key: { _id: "x" }'))).toBe(true)
  })
})
