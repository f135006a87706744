/**
 * Reconciliation posts a refund whose REFUND.SUCCESS never arrived: the trade bill shows it
 * refunded, our part is still in flight, and only WeChat Pay's answer to a refund query posts it,
 * through the path a notification takes. The simulator keeps refunds PROCESSING until the test
 * settles them (refundDelayMs), as in server/refund/refund.test.ts.
 */
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { shanghaiDate } from '../../domain/time'

import { at, DAY_MS } from './test-kit'

let s: TestStack
useTestStack((started) => (s = started), { refundDelayMs: 3_600_000 })


const snapshot = async () => ({
  journal: await s.count(C.journal),
  recon: await s.count(C.recon),
  refunds: (await database().collection(C.refunds).limit(1000).get()).data
})

describe('reconciliation of refunds', () => {
  it('posts a refund whose notification was lost, through the refund query path, once', async () => {
    const tradeDay = new Date(Date.now() - 3 * DAY_MS)
    const day = shanghaiDate(tradeDay)
    const me = newOpenid('rr')
    const { refundId, outRefundNo } = await at(tradeDay, async () => {
      const o = await s.createOrder(me, { planId: 'p300' })
      s.sim.pay(o.outTradeNo)
      await s.sim.idle()
      // inside the cooling-off window: sent at once; WeChat Pay refunds it, its notification never arrives
      const r = await s.data('refund', { action: 'request', requestId: `recon-refund-${me.slice(-8)}` }, me)
      const no = `${r.refundId}-${o.outTradeNo}`
      await s.withDelivery(async () => {
        s.sim.settleRefund(no)
        await s.sim.idle()
      })
      return { refundId: r.refundId as string, outRefundNo: no }
    })
    const held = async () => (await database().collection(C.members).doc(me).get()).data.refundHeld
    expect((await database().collection(C.refunds).doc(refundId).get()).data.state).toBe('processing')
    // the hold takes the principal refunded and the bonus taken back
    expect(await held()).toBe(35000)

    const first = await s.data('ops', { action: 'reconRun', date: day }, 'demo-admin')
    expect(first.differences).toEqual([expect.objectContaining({ kind: 'refunded_not_posted', key: outRefundNo, state: 'repaired', note: expect.stringContaining('退款') })])
    expect((await database().collection(C.refunds).doc(refundId).get()).data.state).toBe('succeeded')
    expect(await held()).toBe(0)
    expect(await s.count(C.journal, { _id: `refund:${outRefundNo}` })).toBe(1)

    const before = await snapshot()
    await s.data('ops', { action: 'reconRun', date: day }, 'demo-admin')
    expect(await snapshot()).toEqual(before)
    expect(await s.count(C.journal, { _id: `refund:${outRefundNo}` })).toBe(1)
  })
})
