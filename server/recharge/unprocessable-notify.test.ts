/**
 * Issue 8 item 4: a notification WeChat Pay signed whose decrypted resource we cannot read must
 * not be answered 500 (WeChat would retry it for a day): it is answered as received, credits
 * nothing, and is recorded once for staff (ops.attention → incidents).
 */
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { COLLECTIONS as C } from '../db/indexes'
import { database } from '../cloud'
import * as incidents from './incidents'

let s: TestStack
useTestStack((started) => (s = started))

const incidentOf = async (body: string) => (await database().collection(C.payIncidents).doc(`notify:${JSON.parse(body).id}`).get()).data as any

describe('an authentic notification we cannot process', () => {
  it.each<[string, (tx: any) => unknown, boolean]>([
    ['a resource without out_trade_no', ({ out_trade_no: _, ...tx }) => tx, false],
    ['an out_trade_no that is a number', (tx) => ({ ...tx, out_trade_no: 12345678 }), false],
    ['an out_trade_no that is an object', (tx) => ({ ...tx, out_trade_no: { $ne: null } }), false],
    ['a resource that is an array', (tx) => [tx], false],
    ['a resource that is null', () => null, false],
    ['a resource that is not JSON', () => 'not json {', false],
    ['a trade_state that is not a string', (tx) => ({ ...tx, trade_state: ['SUCCESS'] }), true],
    ['an amount that is not a number', (tx) => ({ ...tx, amount: { total: '30000' } }), true]
  ])('%s: answered as received (so not retried), nothing credited, recorded once for staff', async (_what, change, namesOrder) => {
    const me = newOpenid()
    const { order, tx } = await s.paidButNotNotified(me)
    const n = s.sim.signedNotification(change(tx))
    expect(await s.postNotify(n)).toBe(204)
    // WeChat Pay delivering it again changes nothing and records nothing twice
    expect(await s.postNotify(n)).toBe(204)
    expect(await s.count(C.journal, { memberId: me })).toBe(0)
    expect((await s.order(order.outTradeNo)).status).toBe('pending')

    const incident = await incidentOf(n.body)
    expect(incident).toMatchObject({ kind: 'unprocessable_notification', eventType: 'TRANSACTION.SUCCESS', reason: expect.any(String) })
    expect(incident.outTradeNo).toBe(namesOrder ? order.outTradeNo : null)
    expect(await s.count(C.payIncidents, { eventId: JSON.parse(n.body).id })).toBe(1)

    // HQ sees it; the genuine payment is still credited by its own notification
    const seen = await s.data('ops', { action: 'attention' }, 'demo-admin')
    expect(seen.incidents).toEqual(expect.arrayContaining([expect.objectContaining({ eventId: JSON.parse(n.body).id, reason: incident.reason })]))
    expect(await s.postNotify(s.sim.signedNotification(tx))).toBe(204)
    expect((await s.order(order.outTradeNo)).status).toBe('credited')
  })

  it('an incident that names no order of ours is for headquarters only', async () => {
    const { tx } = await s.paidButNotNotified(newOpenid())
    const n = s.sim.signedNotification([tx])
    expect(await s.postNotify(n)).toBe(204)
    const id = JSON.parse(n.body).id
    const cashier = await s.data('ops', { action: 'attention' }, 'demo-cashier')
    expect(cashier.incidents.map((i: any) => i.eventId)).not.toContain(id)
  })

  it('when the record cannot be written, WeChat Pay is asked to deliver it again', async () => {
    const { tx } = await s.paidButNotNotified(newOpenid())
    const n = s.sim.signedNotification([tx])
    const record = jest.spyOn(incidents, 'recordPayIncident').mockRejectedValueOnce(new Error('database busy'))
    try {
      expect(await s.postNotify(n)).toBe(500)
      expect(await incidentOf(n.body)).toBeNull()
      expect(await s.postNotify(n)).toBe(204)
      expect(await incidentOf(n.body)).toMatchObject({ eventId: JSON.parse(n.body).id })
    } finally {
      record.mockRestore()
    }
  })

  it('a forged one is still refused and retried, and records nothing', async () => {
    const { tx } = await s.paidButNotNotified(newOpenid())
    const n = s.sim.signedNotification([tx], { tamper: 'signature' })
    expect(await s.postNotify(n)).toBe(401)
    expect(await incidentOf(n.body)).toBeNull()
  })
})

/**
 * An authentic, paid notification naming an order we do not have. Orders are written before
 * WeChat Pay learns of them (create.ts), so an unknown out_trade_no never becomes known: a
 * retry for a day would end the same way. It is answered as received and recorded for HQ (it
 * names no store of ours), with the resource, so a person can find the payment and refund it.
 */
describe('an authentic notification for an order we do not have', () => {
  it('is answered as received (so not retried), credits nothing, and is recorded once for headquarters', async () => {
    const me = newOpenid()
    const { order, tx } = await s.paidButNotNotified(me)
    const n = s.sim.signedNotification({ ...tx, out_trade_no: 'R20261123NOSUCHORDER' })
    expect(await s.postNotify(n)).toBe(204)
    expect(await s.postNotify(n)).toBe(204)
    expect(await s.count(C.journal, { memberId: me })).toBe(0)
    expect((await s.order(order.outTradeNo)).status).toBe('pending')

    const id = JSON.parse(n.body).id
    const incident = await incidentOf(n.body)
    expect(incident).toMatchObject({
      kind: 'unknown_order',
      outTradeNo: 'R20261123NOSUCHORDER',
      transactionId: tx.transaction_id,
      storeId: null,
      reason: expect.stringContaining('R20261123NOSUCHORDER')
    })
    expect(incident.resource).toContain(tx.transaction_id)
    expect(await s.count(C.payIncidents, { eventId: id })).toBe(1)

    const hq = await s.data('ops', { action: 'attention' }, 'demo-admin')
    expect(hq.incidents).toEqual(expect.arrayContaining([expect.objectContaining({ eventId: id, kind: 'unknown_order', outTradeNo: 'R20261123NOSUCHORDER', transactionId: tx.transaction_id })]))
    const cashier = await s.data('ops', { action: 'attention' }, 'demo-cashier')
    expect(cashier.incidents.map((i: any) => i.eventId)).not.toContain(id)
  })

  it('when the record cannot be written, WeChat Pay is asked to deliver it again', async () => {
    const { tx } = await s.paidButNotNotified(newOpenid())
    const n = s.sim.signedNotification({ ...tx, out_trade_no: 'R20261123NOSUCHORDER' })
    const record = jest.spyOn(incidents, 'recordPayIncident').mockRejectedValueOnce(new Error('database busy'))
    try {
      expect(await s.postNotify(n)).toBe(500)
      expect(await incidentOf(n.body)).toBeNull()
      expect(await s.postNotify(n)).toBe(204)
      expect(await incidentOf(n.body)).toMatchObject({ kind: 'unknown_order' })
    } finally {
      record.mockRestore()
    }
  })
})
