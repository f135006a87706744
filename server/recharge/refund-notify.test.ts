/**
 * Issue 11: a REFUND.* notification is verified like a payment notification. One about a refund
 * that is not ours (here: made straight through the client, as the merchant platform would) or
 * that we cannot read is answered as received (WeChat Pay stops retrying it) and recorded once
 * for staff; nothing else changes. Notifications for our own refunds: server/refund/refund.test.ts.
 */
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { COLLECTIONS as C } from '../db/indexes'
import { database } from '../cloud'
import { pay } from '../pay'
import * as incidents from './incidents'

let s: TestStack
useTestStack((started) => (s = started))

const incidentOf = async (eventId: string) => (await database().collection(C.payIncidents).doc(`notify:${eventId}`).get()).data as any

async function creditedOrder(openid: string) {
  const order = await s.createOrder(openid, { planId: 'p300' })
  const tx = s.sim.pay(order.outTradeNo)
  await s.sim.idle()
  expect((await s.order(order.outTradeNo)).status).toBe('credited')
  return { order, tx }
}

describe('refund notifications', () => {
  it('a refund not made by us: the simulator notifies REFUND.SUCCESS, payNotify answers it, staff see it once, balances do not move', async () => {
    const me = newOpenid()
    const { order, tx } = await creditedOrder(me)
    const journal = await s.count(C.journal, { memberId: me })
    const before = s.sim.deliveries.length
    const refund = await pay().client.createRefund({ outTradeNo: order.outTradeNo, outRefundNo: `${order.outTradeNo}-R1`, amount: { refund: 100, total: (tx.amount?.total as number) } })
    s.sim.settleRefund(refund.out_refund_no)
    await s.sim.idle()

    const attempts = s.sim.deliveries.slice(before).filter((d) => d.eventType === 'REFUND.SUCCESS')
    // answered at the first attempt: WeChat Pay has nothing to retry
    expect(attempts.map((d) => d.status)).toEqual([204])
    const incident = await incidentOf(attempts[0].eventId)
    expect(incident).toMatchObject({ kind: 'refund_notification', eventType: 'REFUND.SUCCESS', outTradeNo: order.outTradeNo, transactionId: tx.transaction_id })
    expect(incident.reason).toContain(refund.out_refund_no)
    expect(await s.count(C.journal, { memberId: me })).toBe(journal)
    expect((await s.order(order.outTradeNo)).status).toBe('credited')

    // delivered again: still one record
    expect(s.sim.deliverAgain(refund.out_refund_no)).toBe(true)
    await s.sim.idle()
    expect(await s.count(C.payIncidents, { eventId: attempts[0].eventId })).toBe(1)
    const seen = await s.data('ops', { action: 'attention' }, 'demo-admin')
    expect(seen.incidents).toEqual(expect.arrayContaining([expect.objectContaining({ eventId: attempts[0].eventId, kind: 'refund_notification' })]))
  })

  it.each<[string, string, (r: any) => unknown]>([
    ['a resource whose status contradicts its event', 'REFUND.SUCCESS', (r) => ({ ...r, refund_status: 'CLOSED' })],
    ['an amount that is not integer fen', 'REFUND.CLOSED', (r) => ({ ...r, refund_status: 'CLOSED', amount: { ...r.amount, refund: 1.5 } })],
    ['a resource without out_refund_no', 'REFUND.ABNORMAL', ({ out_refund_no: _, ...r }) => ({ ...r, refund_status: 'ABNORMAL' })]
  ])('%s: answered as received, recorded as unprocessable', async (_what, eventType, change) => {
    const { order, tx } = await creditedOrder(newOpenid())
    const resource = {
      mchid: tx.mchid,
      transaction_id: tx.transaction_id,
      out_trade_no: order.outTradeNo,
      refund_id: '50300000012026112000000001',
      out_refund_no: `${order.outTradeNo}-R9`,
      refund_status: 'SUCCESS',
      user_received_account: '支付用户零钱',
      amount: { total: (tx.amount?.total as number), refund: 100, payer_total: (tx.amount?.total as number), payer_refund: 100 }
    }
    const n = s.sim.signedNotification(change(resource), { eventType })
    expect(await s.postNotify(n)).toBe(204)
    expect(await incidentOf(JSON.parse(n.body).id)).toMatchObject({ kind: 'unprocessable_notification', eventType })
  })

  it('a forged refund notification is refused and recorded nowhere', async () => {
    const { order, tx } = await creditedOrder(newOpenid())
    const n = s.sim.signedNotification({ ...tx, refund_id: 'x', out_refund_no: `${order.outTradeNo}-F`, refund_status: 'SUCCESS' }, { eventType: 'REFUND.SUCCESS', tamper: 'signature' })
    expect(await s.postNotify(n)).toBe(401)
    expect(await incidentOf(JSON.parse(n.body).id)).toBeNull()
  })

  it('when the record cannot be written, WeChat Pay is asked to deliver it again', async () => {
    const { order, tx } = await creditedOrder(newOpenid())
    const resource = { mchid: tx.mchid, transaction_id: tx.transaction_id, out_trade_no: order.outTradeNo, refund_id: '1', out_refund_no: 'R1', refund_status: 'SUCCESS', amount: { total: 1, refund: 1, payer_total: 1, payer_refund: 1 } }
    const n = s.sim.signedNotification(resource, { eventType: 'REFUND.SUCCESS' })
    const record = jest.spyOn(incidents, 'recordPayIncident').mockRejectedValueOnce(Object.assign(new Error('database busy'), { name: 'InjectedFault' }))
    try {
      expect(await s.postNotify(n)).toBe(500)
      expect(await s.postNotify(n)).toBe(204)
      expect(await incidentOf(JSON.parse(n.body).id)).toMatchObject({ kind: 'refund_notification' })
    } finally {
      record.mockRestore()
    }
  })
})
