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

async function sweep() {
  shiftClock(40 * 60_000)
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

  it.each(NOT_PAID)('an answer with trade_state %s never reaches crediting', async (state) => {
    const me = newOpenid()
    const { order } = await s.paidButNotNotified(me)
    s.sim.tamperQueries((tx) => ({ ...tx, trade_state: state }))
    const credit = jest.spyOn(settle, 'settlePaidOrder')
    expect((await pollStatus(me, order.outTradeNo)).state).toBe('pending')
    expect(credit).not.toHaveBeenCalled()
    await expectNothingCredited(me, order.outTradeNo)
    // the truth, asked again, credits
    s.sim.tamperQueries(null)
    shiftClock(5_000)
    expect((await pollStatus(me, order.outTradeNo)).state).toBe('credited')
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

  it.each(NOT_PAID)('an answer with trade_state %s never reaches crediting', async (state) => {
    const me = newOpenid()
    const { order } = await s.paidButNotNotified(me)
    s.sim.tamperQueries((tx) => ({ ...tx, trade_state: state }))
    const credit = jest.spyOn(settle, 'settlePaidOrder')
    await sweep()
    expect(credit).not.toHaveBeenCalled()
    // WeChat Pay refuses to close a paid order, so it stays pending here: nothing credited, nothing lost
    await expectNothingCredited(me, order.outTradeNo)
  })
})
