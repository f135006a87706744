import { opsEvent, type OpsAction, type OpsEvent } from '../contracts/ops'
import { newOpenid, useTestStack, type TestStack } from '../test/stack'
import { database } from './cloud'
import { shiftClock } from './clock'
import { COLLECTIONS as C } from './db/indexes'

/**
 * The role × action matrix (issue 11): every ops action, enumerated from the contract's
 * discriminated union, called as a cashier of store A, a cashier of store B, store A's manager,
 * HQ and a plain member, on records of store A. Only the allowed ones succeed; every other call
 * is FORBIDDEN and changes nothing in the database.
 *
 * A new action in contracts/ops.ts fails this file until it has a sample event and an expected
 * row (both typed over OpsAction, and checked at run time against the union's own list).
 */
let s: TestStack
useTestStack((started) => (s = started))

const STORE_A = 'store-xuhui'
const CASHIER_B = 'matrix-cashier-jingan'
const MEMBER_PHONE = '13700000077'

type Who = 'cashierA' | 'cashierB' | 'manager' | 'hq' | 'member'
// refusals first, so they meet store A's records untouched (a retried upload is done afterwards)
const CALLERS: Record<Who, string> = { member: 'matrix-plain-member', cashierB: CASHIER_B, cashierA: 'demo-cashier', manager: 'demo-manager', hq: 'demo-admin' }

interface Fixture {
  shippingId: string
  memberOpenid: string
  /** a member of store A inside the cooling-off window: a refund staff may start */
  refundMember: string
  /** refunds of store A waiting for approval (one to approve, one to reject) */
  toApprove: string
  toReject: string
  /** an approved refund older than 365 days: a manual payout HQ completes */
  payout: { refundId: string; outRefundNo: string }
  /** a balance payment at store A, goods of which come back */
  paymentId: string
}

const DAY = 24 * 3600_000
const REQUEST = 'matrix-request-0001'

/** A Shanghai calendar date `days` ago (YYYY-MM-DD). */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3600_000 - days * 24 * 3600_000).toISOString().slice(0, 10)

/** One valid event per action, on store A's records. */
const SAMPLES: { [A in OpsAction]: (f: Fixture) => Extract<OpsEvent, { action: A }> } = {
  attention: () => ({ action: 'attention' }),
  retryShipping: (f) => ({ action: 'retryShipping', id: f.shippingId }),
  memberFind: () => ({ action: 'memberFind', query: MEMBER_PHONE }),
  memberDetail: (f) => ({ action: 'memberDetail', openid: f.memberOpenid }),
  fundStatement: () => ({ action: 'fundStatement', storeId: STORE_A, from: shanghaiDay(1), to: shanghaiDay(0) }),
  liabilityReport: () => ({ action: 'liabilityReport' }),
  // a day whose trade bill is ready (from 10:00 the next day)
  reconRun: () => ({ action: 'reconRun', date: shanghaiDay(2) }),
  reconReport: () => ({ action: 'reconReport', date: shanghaiDay(2) }),
  stores: () => ({ action: 'stores' }),
  storeCode: () => ({ action: 'storeCode', storeId: STORE_A }),
  // each retried with the same requestId: a second allowed caller gets the first one's answer
  refundStart: (f) => ({ action: 'refundStart', openid: f.refundMember, requestId: REQUEST, reason: '到店申请退款' }),
  refundApprove: (f) => ({ action: 'refundApprove', refundId: f.toApprove }),
  refundReject: (f) => ({ action: 'refundReject', refundId: f.toReject, reason: '会员撤回申请' }),
  payoutComplete: (f) => ({ action: 'payoutComplete', refundId: f.payout.refundId, outRefundNo: f.payout.outRefundNo, reference: 'BANK-MATRIX-1' }),
  paymentReturn: (f) => ({ action: 'paymentReturn', paymentId: f.paymentId, requestId: REQUEST, reason: '退货', amount: 100 })
}

const OK = 'ok'
const NO = 'FORBIDDEN'
/** The expected outcome, written out rather than computed from the permission table it checks. */
const EXPECTED: { [A in OpsAction]: Record<Who, typeof OK | typeof NO> } = {
  // everyone on staff sees what needs a person at their own stores (store B's list is just empty)
  attention: { cashierA: OK, cashierB: OK, manager: OK, hq: OK, member: NO },
  // the upload belongs to an order of store A
  retryShipping: { cashierA: OK, cashierB: NO, manager: OK, hq: OK, member: NO },
  // the member recharged at store A only
  memberFind: { cashierA: OK, cashierB: NO, manager: OK, hq: OK, member: NO },
  memberDetail: { cashierA: OK, cashierB: NO, manager: OK, hq: OK, member: NO },
  // store A's fund account: its manager and HQ, not the till
  fundStatement: { cashierA: NO, cashierB: NO, manager: OK, hq: OK, member: NO },
  // merchant-wide: headquarters only
  liabilityReport: { cashierA: NO, cashierB: NO, manager: NO, hq: OK, member: NO },
  reconRun: { cashierA: NO, cashierB: NO, manager: NO, hq: OK, member: NO },
  reconReport: { cashierA: NO, cashierB: NO, manager: NO, hq: OK, member: NO },
  // everyone on staff has stores to pick from
  stores: { cashierA: OK, cashierB: OK, manager: OK, hq: OK, member: NO },
  // store A's checkout code: store A's staff and HQ
  storeCode: { cashierA: OK, cashierB: NO, manager: OK, hq: OK, member: NO },
  // refunds of store A's recharges: its till starts them and approves small ones (21.43 元 is under the cashier's limit)
  refundStart: { cashierA: OK, cashierB: NO, manager: OK, hq: OK, member: NO },
  refundApprove: { cashierA: OK, cashierB: NO, manager: OK, hq: OK, member: NO },
  // saying no to a member is a manager's decision
  refundReject: { cashierA: NO, cashierB: NO, manager: OK, hq: OK, member: NO },
  // a bank transfer: headquarters' finance only
  payoutComplete: { cashierA: NO, cashierB: NO, manager: NO, hq: OK, member: NO },
  // goods returned at store A's till
  paymentReturn: { cashierA: OK, cashierB: NO, manager: OK, hq: OK, member: NO }
}

/** Everything an ops action could change. */
async function snapshot(): Promise<unknown> {
  const db = database()
  const names = [C.members, C.journal, C.accounts, C.orders, C.payments, C.shipping, C.refunds, C.payouts, C.paymentReturns, C.staff, C.payIncidents, C.recon]
  const out: Record<string, unknown> = {}
  for (const n of names) out[n] = (await db.collection(n).limit(1000).get()).data
  return out
}

let fixture: Fixture

beforeAll(async () => {
  await database().collection(C.staff).doc(CASHIER_B).set({ data: { name: '收银员 静安', role: 'cashier', stores: ['store-jingan'] } })
  // a recharge at store A whose shipping upload WeChat refused: a member of store A and a task to retry
  const memberOpenid = newOpenid('matrix')
  const order = await s.withOpenapi(
    () => {
      throw new Error('system busy')
    },
    async () => {
      const created = await s.createOrder(memberOpenid, { planId: 'p300', storeId: STORE_A } as { planId: string })
      s.sim.pay(created.outTradeNo)
      await s.sim.idle()
      return created
    }
  )
  await database().collection(C.members).doc(memberOpenid).update({ data: { phone: MEMBER_PHONE, phoneBoundAt: new Date() } })
  // the plain member has a wallet of their own too
  const own = await s.createOrder(CALLERS.member, { planId: 'p300' })
  s.sim.pay(own.outTradeNo)
  await s.sim.idle()
  // refunds and returns, each on a member of store A with one 充300送50 and a bill of 100 元
  const memberOfA = async (tag: string) => {
    const me = newOpenid(tag)
    const created = await s.createOrder(me, { planId: 'p300', storeId: STORE_A } as { planId: string })
    s.sim.pay(created.outTradeNo)
    await s.sim.idle()
    return me
  }
  const payBill = async (me: string, requestId: string) => (await s.data('checkout', { action: 'pay', storeId: STORE_A, amount: 10_000, requestId }, me)).paymentId as string
  const refundMember = await memberOfA('matrix-rf')
  const returner = await memberOfA('matrix-ret')
  const paymentId = await payBill(returner, 'matrix-bill-0001')
  const [approver, rejecter, old] = [await memberOfA('matrix-ap'), await memberOfA('matrix-rj'), await memberOfA('matrix-old')]
  for (const me of [approver, rejecter, old]) await payBill(me, `matrix-bill-${me.slice(-6)}`)
  const pending = async (me: string) => {
    const r = await s.data('refund', { action: 'request', requestId: `matrix-req-${me.slice(-6)}` }, me)
    expect(r.state).toBe('pending_approval')
    return r.refundId as string
  }
  let toApprove: string, toReject: string, payout: Fixture['payout']
  try {
    // past the cooling-off window: these wait for staff
    shiftClock(8 * DAY)
    toApprove = await pending(approver)
    toReject = await pending(rejecter)
    // past 365 days: approved, the refund is paid by hand
    shiftClock(366 * DAY)
    const refundId = await pending(old)
    const approved = await s.data('ops', { action: 'refundApprove', refundId }, CALLERS.hq)
    payout = { refundId, outRefundNo: approved.parts[0].outRefundNo }
    expect(approved.parts[0]).toMatchObject({ kind: 'manual', state: 'processing' })
  } finally {
    shiftClock(0)
  }
  fixture = { shippingId: `ship:${order.outTradeNo}`, memberOpenid, refundMember, toApprove, toReject, payout, paymentId }
})

test('the matrix covers every action of the ops contract', () => {
  const actions = [...opsEvent.optionsMap.keys()].sort()
  expect(Object.keys(SAMPLES).sort()).toEqual(actions)
  expect(Object.keys(EXPECTED).sort()).toEqual(actions)
  for (const a of actions) expect(opsEvent.safeParse(SAMPLES[a as OpsAction](fixture)).success).toBe(true)
})

describe.each([...opsEvent.optionsMap.keys()] as OpsAction[])('%s', (action) => {
  test.each(Object.keys(CALLERS) as Who[])('as %s', async (who) => {
    const event = SAMPLES[action](fixture)
    const expected = EXPECTED[action][who]
    const before = expected === NO ? await snapshot() : null
    const r = await s.call('ops', event, CALLERS[who])
    if (expected === OK) {
      expect(r.error).toBeUndefined()
      expect(r.ok).toBe(true)
    } else {
      expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fff]/) } })
      expect(await snapshot()).toEqual(before)
    }
  })
})
