/**
 * Issue 8 item 8 (notification side): a transaction that is not ours (another mchid) or not
 * paid (trade_state other than SUCCESS) never credits, on every path that can credit: the
 * notification, recharge.status polling, and the cron sweep of expired orders. Each test fails
 * when the guard on its path is removed.
 */
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { COLLECTIONS as C } from '../db/indexes'
import { shiftClock } from '../clock'
import * as settle from './settle'

const OTHER_MCHID = '1230000109'
const NOT_PAID = ['NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR', 'REFUND']

let s: TestStack
useTestStack((started) => (s = started))
afterEach(() => {
  s.sim.tamperQueries(null)
  jest.restoreAllMocks()
})

async function expectNothingCredited(openid: string, outTradeNo: string, state: 'pending' | 'review' = 'pending') {
  expect(await s.count(C.journal, { memberId: openid })).toBe(0)
  expect(await s.balance(openid)).toMatchObject({ principal: 0, bonus: 0, total: 0 })
  expect((await s.order(outTradeNo)).status).toBe(state)
}

const pollStatus = (openid: string, outTradeNo: string) => s.data('recharge', { action: 'status', outTradeNo }, openid)

/** Runs the cron sweep once the order has expired (`after` more ms on the clock). */
async function sweep(after = 0) {
  shiftClock(40 * 60_000 + after)
  await s.stack.cloud.invoke('cron', {}, { source: 'wx_trigger' })
}

describe('a notification', () => {
  it('from another mchid credits nothing and flags the order for review', async () => {
    const me = newOpenid()
    const { order, tx } = await s.paidButNotNotified(me)
    expect(await s.postNotify(s.sim.signedNotification({ ...tx, mchid: OTHER_MCHID }))).toBe(204)
    await expectNothingCredited(me, order.outTradeNo, 'review')
    expect((await s.order(order.outTradeNo)).reviewReason).toContain('mchid')
  })

  it.each(NOT_PAID)('with trade_state %s credits nothing, and the order stays payable', async (state) => {
    const me = newOpenid()
    const { order, tx } = await s.paidButNotNotified(me)
    expect(await s.postNotify(s.sim.signedNotification({ ...tx, trade_state: state }))).toBe(400)
    await expectNothingCredited(me, order.outTradeNo)
    // the genuine SUCCESS still credits
    expect(await s.postNotify(s.sim.signedNotification(tx))).toBe(204)
    expect((await s.order(order.outTradeNo)).status).toBe('credited')
  })
})

describe('recharge.status polling', () => {
  it('an answer about another mchid’s order credits nothing (and is not taken for a review either)', async () => {
    const me = newOpenid()
    const { order } = await s.paidButNotNotified(me)
    s.sim.tamperQueries((tx) => ({ ...tx, mchid: OTHER_MCHID }))
    expect((await pollStatus(me, order.outTradeNo)).state).toBe('pending')
    await expectNothingCredited(me, order.outTradeNo)
  })
})

describe('the cron sweep of expired orders', () => {
  it('an answer about another mchid’s order credits nothing and closes nothing', async () => {
    const me = newOpenid()
    const { order } = await s.paidButNotNotified(me)
    s.sim.tamperQueries((tx) => ({ ...tx, mchid: OTHER_MCHID }))
    await sweep()
    await expectNothingCredited(me, order.outTradeNo)
  })
})

/**
 * The paths that ask WeChat Pay about an order and credit what it answers, each asking at the
 * `at` clock shift and resolving to the state it then reports for the order.
 */
const ASKING_PATHS: [string, (openid: string, outTradeNo: string, at: number) => Promise<string>][] = [
  [
    'recharge.status polling',
    async (openid, outTradeNo, at) => {
      shiftClock(at)
      return (await pollStatus(openid, outTradeNo)).state
    }
  ],
  [
    'the cron sweep of expired orders',
    // WeChat Pay refuses to close a paid order, so a sweep told "not paid" leaves it pending
    async (_openid, outTradeNo, at) => {
      await sweep(at)
      return (await s.order(outTradeNo)).status
    }
  ]
]

describe.each(ASKING_PATHS)('%s', (_path, ask) => {
  it.each(NOT_PAID)('an answer with trade_state %s never reaches crediting; the true answer, asked again, credits', async (state) => {
    const me = newOpenid()
    const { order } = await s.paidButNotNotified(me)
    s.sim.tamperQueries((tx) => ({ ...tx, trade_state: state }))
    const credit = jest.spyOn(settle, 'settlePaidOrder')
    expect(await ask(me, order.outTradeNo, 0)).toBe('pending')
    expect(credit).not.toHaveBeenCalled()
    await expectNothingCredited(me, order.outTradeNo)

    s.sim.tamperQueries(null)
    expect(await ask(me, order.outTradeNo, 5_000)).toBe('credited')
  })
})
