import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { armFault } from '../faults'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { paymentIdOf } from './pay'
import { reconcileLedger } from '../ledger/reconcile'
import { withoutTiersInThisFile } from '../members/test-kit'

const STORE = 'store-xuhui'
let s: TestStack
useTestStack((started) => (s = started))
// the ledger of a spend, charged as typed; tier discounts are proven in server/members/checkout.test.ts
withoutTiersInThisFile()

/** A member with one credited recharge of `planId`, through the real recharge path. */
async function memberWith(planId = 'p1000') {
  const me = newOpenid('co')
  const order = await s.createOrder(me, { planId })
  s.sim.pay(order.outTradeNo)
  await s.sim.idle()
  const b = await s.balance(me)
  expect(b.total).toBeGreaterThan(0)
  return { me, total: b.total as number, principal: b.principal as number, bonus: b.bonus as number }
}

let req = 0
const requestId = () => `req-${++req}-${Date.now().toString(36)}`
const pay = (me: string, amount: number, id = requestId(), storeId = STORE) => s.call('checkout', { action: 'pay', storeId, amount, requestId: id }, me)
const member = async (me: string) => (await database().collection(C.members).doc(me).get()).data as any
const paymentsOf = (openid: string) => s.count(C.payments, { openid })
const spendsOf = (memberId: string) => s.count(C.journal, { memberId, kind: 'spend' })

describe('checkout.quote', () => {
  it('prices the bill from the balance, with the shortfall and recharges that would pay it', async () => {
    const { me, total, principal, bonus } = await memberWith('p300')
    const q = await s.data('checkout', { action: 'quote', storeId: STORE, amount: total + 5000 }, me)
    expect(q).toMatchObject({ amount: total + 5000, tierDiscount: 0, couponDiscount: 0, payable: total + 5000, shortfall: 5000, balance: { principal, bonus, total } })
    expect(q.recommendations.length).toBeGreaterThan(0)
    expect(q.recommendations[0]).toMatchObject({ kind: 'plan' })
    const covered = await s.data('checkout', { action: 'quote', storeId: STORE, amount: 1000 }, me)
    expect(covered).toMatchObject({ payable: 1000, shortfall: 0 })
  })
})

describe('checkout.pay', () => {
  it('draws the bill from the lots in the merchant split; member, journal, store accounts, payment and history agree', async () => {
    const { me, total, principal, bonus } = await memberWith('p300')
    const r = await pay(me, 7000)
    expect(r.ok).toBe(true)
    const p = r.data
    expect(p.principal + p.bonus).toBe(7000)
    // proportional split (D2): the lot's principal:bonus ratio
    expect(p.principal).toBe(Math.round((7000 * principal) / total))
    expect(p).toMatchObject({ state: 'paid', amount: 7000, discount: 0, charged: 7000, balance: { principal: principal - p.principal, bonus: bonus - p.bonus, total: total - 7000 } })
    const doc = await member(me)
    expect(doc).toMatchObject({ principal: principal - p.principal, bonus: bonus - p.bonus })
    expect(doc.lots[0]).toMatchObject({ principalLeft: principal - p.principal, bonusLeft: bonus - p.bonus, redeemed: 7000 })
    const journal = (await database().collection(C.journal).doc(`spend:${p.paymentId}`).get()).data as any
    expect(journal).toMatchObject({ kind: 'spend', storeId: STORE, refs: { paymentId: p.paymentId }, lots: [{ lotId: doc.lots[0].id, principal: p.principal, bonus: p.bonus }] })
    // revenue at the lot's paid ratio (D4), the rest is bonus redeemed
    const revenue = journal.entries.find((e: any) => e.kind === 'store_revenue')
    expect(revenue.amount).toBe(Math.floor((7000 * principal) / total))
    const page = await s.data('wallet', { action: 'history' }, me)
    expect(page.items[0]).toMatchObject({ kind: 'spend', amount: -7000, storeId: STORE, storeName: '徐汇店', title: '徐汇店 消费', refs: { paymentId: p.paymentId } })
    expect(await s.data('checkout', { action: 'receipt', paymentId: p.paymentId }, me)).toEqual(p)
  })

  it('200 concurrent payments of 10 yuan: exactly as many as the balance covers succeed, never below zero', async () => {
    const { me, total } = await memberWith('p1000')
    const ids = Array.from({ length: 200 }, requestId)
    const outcome = new Map<string, string>()
    // every call at once; a call still conflicting after the server's retries is sent again with
    // its own requestId, as the app does. Bounded by count, not by how busy the machine is: every
    // round settles at least one call (a conflict means another transaction on the member won),
    // so 200 rounds always suffice; on a quiet machine it takes about a dozen.
    let todo = ids
    for (let round = 0; round < ids.length && todo.length; round++) {
      const before = todo.length
      const results = await Promise.all(todo.map((id) => pay(me, 1000, id)))
      todo = todo.filter((id, k) => {
        const r = results[k]
        if (r.ok) outcome.set(id, 'paid')
        else if (r.error.code === 'CONFLICT') return true
        else outcome.set(id, r.error.code)
        return false
      })
      expect(todo.length).toBeLessThan(before)
    }
    expect(todo).toEqual([])
    const paid = [...outcome.values()].filter((v) => v === 'paid').length
    const covers = Math.min(200, Math.floor(total / 1000))
    expect(paid).toBe(covers)
    expect([...outcome.values()].filter((v) => v !== 'paid').every((v) => v === 'INSUFFICIENT_BALANCE')).toBe(true)
    const after = await s.balance(me)
    expect(after.total).toBe(total - covers * 1000)
    expect(after.principal).toBeGreaterThanOrEqual(0)
    expect(after.bonus).toBeGreaterThanOrEqual(0)
    expect(await paymentsOf(me)).toBe(covers)
    expect(await spendsOf(me)).toBe(covers)
  })

  it('ten concurrent calls with one requestId pay once and all answer the same payment', async () => {
    const { me, total } = await memberWith('p300')
    const id = requestId()
    const results = await Promise.all(Array.from({ length: 10 }, () => pay(me, 2500, id)))
    // a call that still conflicted is retried as the app would, with the same requestId
    for (const [k, r] of results.entries()) if (!r.ok && r.error.code === 'CONFLICT') results[k] = await pay(me, 2500, id)
    expect(results.every((r) => r.ok)).toBe(true)
    expect(new Set(results.map((r) => r.data.paymentId))).toEqual(new Set([paymentIdOf(me, id)]))
    expect((await s.balance(me)).total).toBe(total - 2500)
    expect(await paymentsOf(me)).toBe(1)
    expect(await spendsOf(me)).toBe(1)
  })

  it('a requestId already used for another bill (amount or store) is refused, never answered as paid', async () => {
    const { me, total } = await memberWith('p300')
    const id = requestId()
    expect((await pay(me, 2500, id)).ok).toBe(true)
    for (const r of [await pay(me, 9900, id), await pay(me, 2500, id, 'store-jingan')]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fff]/) } })
    }
    expect((await pay(me, 2500, id)).ok).toBe(true) // the same bill again still answers the first payment
    expect((await s.balance(me)).total).toBe(total - 2500)
    expect(await paymentsOf(me)).toBe(1)
  })

  it('refuses what the balance cannot cover with the shortfall in Chinese, and changes nothing', async () => {
    const { me, total } = await memberWith('p300')
    const before = await member(me)
    const r = await pay(me, total + 50)
    expect(r).toEqual({ ok: false, error: { code: 'INSUFFICIENT_BALANCE', message: '余额不足，还差¥0.50' } })
    expect(await member(me)).toEqual(before)
    expect(await paymentsOf(me)).toBe(0)
    // a customer without any wallet is refused the same way
    const stranger = newOpenid('co')
    expect((await pay(stranger, 100)).error.code).toBe('INSUFFICIENT_BALANCE')
  })

  it('an unknown store is STORE_NOT_FOUND and changes nothing', async () => {
    const { me } = await memberWith('p300')
    const before = await member(me)
    const r = await pay(me, 100, requestId(), 'store-nowhere')
    expect(r.error.code).toBe('STORE_NOT_FOUND')
    expect(await member(me)).toEqual(before)
  })

  it.each([
    ['amount 0', { amount: 0 }],
    ['a huge amount', { amount: 1e15 }],
    ['a fractional amount', { amount: 10.5 }],
    ['a short requestId', { requestId: 'short' }],
    ['an unknown field', { tip: 100 }]
  ])('%s is INVALID_INPUT and changes nothing', async (_name, change) => {
    const { me } = await memberWith('p300')
    const before = await member(me)
    const r = await s.call('checkout', { action: 'pay', storeId: STORE, amount: 100, requestId: requestId(), ...change }, me)
    expect(r.ok).toBe(false)
    expect(r.error.code).toBe('INVALID_INPUT')
    expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(r.error.message).not.toMatch(/[A-Za-z]{2,}/)
    expect(await member(me)).toEqual(before)
    expect(await paymentsOf(me)).toBe(0)
  })

  it('a bill above 100,000 yuan is AMOUNT_OUT_OF_RANGE and changes nothing', async () => {
    const { me } = await memberWith('p300')
    const r = await pay(me, 10_000_001)
    expect(r.error.code).toBe('AMOUNT_OUT_OF_RANGE')
    expect(await paymentsOf(me)).toBe(0)
  })

  it.each(['spend:start', 'spend:member', 'spend:account:0', 'spend:account:1', 'spend:account:2', 'spend:account:3', 'spend:journal', 'spend:payment'])(
    'a crash at %s leaves the wallet as it was, and the retry pays once',
    async (point) => {
      const { me, total } = await memberWith('p300')
      const before = await member(me)
      const id = requestId()
      armFault(point)
      const crashed = await pay(me, 3000, id)
      expect(crashed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
      expect(await member(me)).toEqual(before)
      expect(await paymentsOf(me)).toBe(0)
      expect(await spendsOf(me)).toBe(0)
      const retried = await pay(me, 3000, id)
      expect(retried.ok).toBe(true)
      expect(await pay(me, 3000, id)).toEqual(retried)
      expect((await s.balance(me)).total).toBe(total - 3000)
      expect(await paymentsOf(me)).toBe(1)
      expect(await spendsOf(me)).toBe(1)
    }
  )
})

describe('reconcile covers spends', () => {
  it('finds a spend whose recorded lots disagree with its legs, and a member balance the spends do not explain', async () => {
    const { me } = await memberWith('p300')
    const p = (await pay(me, 4321)).data
    const journal = database().collection(C.journal).doc(`spend:${p.paymentId}`)
    const members = database().collection(C.members).doc(me)
    const { data } = (await journal.get()) as any
    const lots = data.lots
    try {
      await journal.update({ data: { lots: [{ ...lots[0], revenue: lots[0].revenue + 1 }] } })
      await members.update({ data: { principal: (await member(me)).principal + p.principal } })
      const kinds = (await reconcileLedger()).violations.map((v: any) => `${v.kind}:${v.what ?? ''}`)
      expect(kinds).toEqual(expect.arrayContaining(['spend_lots_mismatch:revenue', 'balance_mismatch:', 'lots_mismatch:principal']))
    } finally {
      await journal.update({ data: { lots } })
      await members.update({ data: { principal: (await member(me)).principal - p.principal } })
    }
  })
})

describe("the spending store's shard documents", () => {
  it('hold revenue and bonus-redeemed of a shard on one document, each equal to its journal entries, and reconcile checks each', async () => {
    const { me } = await memberWith('p1000')
    const setting = process.env.CHUZHI_STORE_ACCOUNT_SHARDS
    process.env.CHUZHI_STORE_ACCOUNT_SHARDS = '2' // 6 spends on 2 shards: each document takes several
    const doc = (k: number) => database().collection(C.accounts).doc(`s:${STORE}:spend:${k}`)
    const fields = async (k: number) => {
      const d = (await doc(k).get()).data as any
      return { revenue: d?.revenue ?? 0, bonusRedeemed: d?.bonusRedeemed ?? 0 }
    }
    try {
      const before = [await fields(0), await fields(1)]
      const expected = before.map((f) => ({ ...f }))
      for (const amount of [1234, 999, 3001, 7, 2500, 1818]) {
        const p = (await pay(me, amount)).data
        const { entries } = (await database().collection(C.journal).doc(`spend:${p.paymentId}`).get()).data as any
        for (const e of entries) {
          const m = /^s:.*:(revenue|bonus-redeemed):(\d+)$/.exec(e.account)
          if (m) expected[Number(m[2])][m[1] === 'revenue' ? 'revenue' : 'bonusRedeemed'] += e.amount
        }
      }
      expect([await fields(0), await fields(1)]).toEqual(expected)
      expect(expected.map((f, k) => f.revenue + f.bonusRedeemed - before[k].revenue - before[k].bonusRedeemed).reduce((a, b) => a + b)).toBe(1234 + 999 + 3001 + 7 + 2500 + 1818)
      // the two accounts stay apart in the journal, but no document of their own is written
      expect(await s.count(C.accounts, { owner: STORE, kind: 'store_revenue' })).toBe(0)
      expect(await s.count(C.accounts, { owner: STORE, kind: 'store_bonus_redeemed' })).toBe(0)
      expect((await reconcileLedger()).violations).toEqual([])
      // one field off is that one account's mismatch, named as the journal names it
      await doc(1).update({ data: { bonusRedeemed: expected[1].bonusRedeemed + 1 } })
      try {
        expect((await reconcileLedger()).violations).toEqual([
          { kind: 'balance_mismatch', account: `s:${STORE}:bonus-redeemed:1`, balance: expected[1].bonusRedeemed + 1, entries: expected[1].bonusRedeemed }
        ])
      } finally {
        await doc(1).update({ data: { bonusRedeemed: expected[1].bonusRedeemed } })
      }
    } finally {
      if (setting === undefined) delete process.env.CHUZHI_STORE_ACCOUNT_SHARDS
      else process.env.CHUZHI_STORE_ACCOUNT_SHARDS = setting
    }
  })
})

describe('lots credited before the checkout', () => {
  it('are read with their order: revenue at the lot ratio, and the lot gains pay, bonus and redeemed', async () => {
    const { me, total, principal } = await memberWith('p300')
    const doc = await member(me)
    const old = doc.lots.map(({ pay: _p, bonus: _b, redeemed: _r, ...rest }: any) => rest)
    await database().collection(C.members).doc(me).update({ data: { lots: old } })
    const p = (await pay(me, 7000)).data
    const journal = (await database().collection(C.journal).doc(`spend:${p.paymentId}`).get()).data as any
    expect(journal.lots[0].revenue).toBe(Math.floor((7000 * principal) / total))
    expect((await member(me)).lots[0]).toMatchObject({ pay: principal, bonus: total - principal, redeemed: 7000 })
  })
})

describe('checkout.receipt', () => {
  it('is for its payer only: another member reads NOT_FOUND, as for an id that does not exist', async () => {
    const { me } = await memberWith('p300')
    const p = (await pay(me, 100)).data
    const other = newOpenid('co')
    expect(await s.call('checkout', { action: 'receipt', paymentId: p.paymentId }, other)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await s.call('checkout', { action: 'receipt', paymentId: 'pay_nothing' }, me)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await s.data('checkout', { action: 'receipt', paymentId: p.paymentId }, me)).paymentId).toBe(p.paymentId)
  })
})
