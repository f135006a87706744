import { newOpenid, useTestStack, type TestStack } from '../test/stack'
import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import { maskPhone } from './member-query'
import type { RefundDoc } from './collections'
import type { Fen } from '../contracts/money'

/**
 * 储值查询-交易查询 (ops.memberFind / memberDetail) through the real functions: a member who
 * recharged at 徐汇店 and 静安店 and spent at 徐汇店, seen by HQ, by 徐汇店's cashier and by a
 * cashier of 静安店 only.
 */
let s: TestStack
useTestStack((started) => (s = started))

const XUHUI = 'store-xuhui'
const JINGAN = 'store-jingan'
const JINGAN_CASHIER = 'mq-cashier-jingan'
let seq = 0
const uniquePhone = () => `139${String(Date.now() % 1e6).padStart(6, '0')}${String(++seq).padStart(2, '0')}`.slice(0, 11)

async function recharge(openid: string, storeId: string, planId = 'p300') {
  const order = await s.createOrder(openid, { planId, storeId } as { planId: string })
  s.sim.pay(order.outTradeNo)
  await s.sim.idle()
  return order.outTradeNo as string
}

async function memberAt(stores: string[], phone = uniquePhone(), code?: string) {
  const openid = newOpenid('mq')
  const orders: string[] = []
  for (const st of stores) orders.push(await recharge(openid, st))
  await database().collection(C.members).doc(openid).update({ data: { phone, phoneBoundAt: new Date(), ...(code ? { memberCode: code } : {}) } })
  return { openid, phone, orders }
}

/**
 * A refund document as the refund function writes it (server/collections.ts RefundDoc): typed, so
 * a change of shape fails tsc here. Without its hold on the balance, so each test removes it in
 * `finally` (the ledger check after the suite would see a refund in flight holding nothing).
 */
async function addRefund(o: { id: string; openid: string; outTradeNo: string; storeId: string; amount: number; state: 'pending_approval' | 'processing'; wechatRefundId?: string }) {
  const at = new Date()
  const amount = o.amount as Fen
  const doc: RefundDoc = {
    _id: o.id,
    openid: o.openid,
    requestId: `rq-${o.id}`,
    reason: '搬家',
    state: o.state,
    amount: o.amount,
    bonusForfeited: 0,
    withinCoolingOff: true,
    approval: 'staff',
    storeIds: [o.storeId],
    parts: [
      {
        kind: 'wechat',
        lotId: `lot:${o.outTradeNo}`,
        storeId: o.storeId,
        outTradeNo: o.outTradeNo,
        transactionId: '4200000001',
        outRefundNo: `${o.id}-${o.outTradeNo}`,
        amount,
        total: 30000 as Fen,
        notBefore: null,
        principal: amount,
        bonus: 0 as Fen,
        forfeited: 0 as Fen,
        state: o.state === 'pending_approval' ? 'awaiting_approval' : 'processing',
        sentAt: null,
        checkedAt: null,
        wechatRefundId: o.wechatRefundId ?? null,
        lastError: null,
        doneAt: null
      }
    ],
    startedBy: 'member',
    decidedBy: null,
    rejectReason: null,
    checkedAt: at,
    createdAt: at,
    updatedAt: at
  }
  await database().collection(C.refunds).add({ data: doc as unknown as Record<string, unknown> })
  return () => database().collection(C.refunds).doc(o.id).remove()
}

beforeAll(async () => {
  await database().collection(C.staff).doc(JINGAN_CASHIER).set({ data: { name: '收银员 静安', role: 'cashier', stores: [JINGAN] } })
})

describe('ops.memberFind', () => {
  it('finds a member by phone or member code, with the chain-wide balance and the phone masked', async () => {
    const code = String(20000000 + (Date.now() % 1e6))
    const m = await memberAt([XUHUI, JINGAN], uniquePhone(), code)
    const byPhone = await s.data('ops', { action: 'memberFind', query: m.phone }, 'demo-admin')
    expect(byPhone.member).toMatchObject({ openid: m.openid, memberCode: code, phone: maskPhone(m.phone), principal: 60000, bonus: 10000, total: 70000 })
    expect(byPhone.member.phone).not.toContain(m.phone.slice(3, 7))
    expect((await s.data('ops', { action: 'memberFind', query: code }, 'demo-admin')).member.openid).toBe(m.openid)
    // the cashier of a store the member recharged at finds them too, with the whole balance
    expect((await s.data('ops', { action: 'memberFind', query: ` ${m.phone} ` }, 'demo-cashier')).member.total).toBe(70000)
  })

  it('a cashier does not find a member who never recharged or paid at their stores', async () => {
    const m = await memberAt([JINGAN])
    const r = await s.call('ops', { action: 'memberFind', query: m.phone }, 'demo-cashier')
    expect(r.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('未在您负责的门店') })
    expect((await s.data('ops', { action: 'memberFind', query: m.phone }, JINGAN_CASHIER)).member.openid).toBe(m.openid)
    // nor can they read the member by openid
    expect((await s.call('ops', { action: 'memberDetail', openid: m.openid }, 'demo-cashier')).error.code).toBe('FORBIDDEN')
  })

  it('answers an unknown number NOT_FOUND and a malformed one INVALID_INPUT, in Chinese', async () => {
    expect((await s.call('ops', { action: 'memberFind', query: '13912345670' }, 'demo-admin')).error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('没有找到该会员') })
    for (const query of ['1381234567', '1234567', '23800000000', 'abcdefgh', '138 0000 0001']) {
      const r = await s.call('ops', { action: 'memberFind', query }, 'demo-admin')
      expect(r.error).toEqual({ code: 'INVALID_INPUT', message: '请输入11位手机号或8位会员码' })
    }
  })

  it('finds the demo customers by their seeded phone and code', async () => {
    expect((await s.data('ops', { action: 'memberFind', query: '13800000001' }, 'demo-admin')).member).toMatchObject({ openid: 'demo-customer', memberCode: '10000001', phone: '138****0001' })
    expect((await s.data('ops', { action: 'memberFind', query: '10000002' }, 'demo-admin')).member.openid).toBe('demo-customer-2')
  })
})

describe('ops.memberDetail', () => {
  it('shows HQ every lot, posting, payment and refund with their WeChat Pay ids', async () => {
    const m = await memberAt([XUHUI, JINGAN])
    const paid = await s.data('checkout', { action: 'pay', storeId: XUHUI, amount: 10000, requestId: `mq-${m.openid}` }, m.openid)
    const removeRefund = await addRefund({ id: `RF-${m.openid}`.slice(0, 31), openid: m.openid, outTradeNo: m.orders[1], storeId: JINGAN, amount: 12345, state: 'pending_approval' })
    try {
      const d = await s.data('ops', { action: 'memberDetail', openid: m.openid }, 'demo-admin')
      expect(d.scope).toBe('all')
      // the member's tier may discount the bill: the balance fell by what was charged
      expect(d.member.total).toBe(70000 - paid.charged)
      expect(d.held).toBe(0)
      expect(d.otherStoresLots).toBe(0)
      expect(d.lots.map((l: any) => [l.outTradeNo, l.storeId, l.storeName])).toEqual([
        [m.orders[0], XUHUI, '徐汇店'],
        [m.orders[1], JINGAN, '静安店']
      ])
      const [first] = d.lots
      expect(first).toMatchObject({ pay: 30000, bonus: 5000, transactionId: expect.stringMatching(/^\d+$/), inCoolingOff: true })
      // what is left of the lots is the balance (two recharges paid in the same second may be drawn in either order)
      expect(d.lots.reduce((n: number, l: any) => n + l.principalLeft + l.bonusLeft, 0)).toBe(70000 - paid.charged)
      expect(new Date(first.coolingOffUntil).getTime() - new Date(first.paidAt).getTime()).toBe(7 * 24 * 3600 * 1000)
      expect(new Date(first.refundableUntil).getTime() - new Date(first.paidAt).getTime()).toBe(365 * 24 * 3600 * 1000)
      const recharges = d.history.filter((h: any) => h.kind === 'recharge')
      expect(recharges.map((h: any) => h.refs.outTradeNo).sort()).toEqual([...m.orders].sort())
      expect(recharges.every((h: any) => /^\d+$/.test(h.refs.transactionId))).toBe(true)
      expect(d.history.filter((h: any) => h.kind === 'spend')).toEqual([expect.objectContaining({ amount: -paid.charged, storeId: XUHUI, refs: expect.objectContaining({ paymentId: paid.paymentId }) })])
      expect(d.payments).toEqual([expect.objectContaining({ paymentId: paid.paymentId, storeName: '徐汇店', amount: 10000, charged: paid.charged })])
      expect(d.refunds).toEqual([
        expect.objectContaining({
          refundId: expect.any(String),
          openid: m.openid,
          amount: 12345,
          state: 'pending_approval',
          reason: '搬家',
          storeIds: [JINGAN],
          staffGuidance: expect.stringContaining('审核'),
          rejectReason: null,
          parts: [expect.objectContaining({ outTradeNo: m.orders[1], outRefundNo: `RF-${m.openid}`.slice(0, 31) + `-${m.orders[1]}`, kind: 'wechat', state: 'awaiting_approval', wechatRefundId: null })]
        })
      ])
    } finally {
      await removeRefund()
    }
  })

  it('shows a store cashier their stores’ records and the whole balance', async () => {
    const m = await memberAt([XUHUI, JINGAN])
    const paid = await s.data('checkout', { action: 'pay', storeId: JINGAN, amount: 2000, requestId: `mq-j-${m.openid}` }, m.openid)
    const removeRefund = await addRefund({ id: `RJ-${m.openid}`.slice(0, 31), openid: m.openid, outTradeNo: m.orders[1], storeId: JINGAN, amount: 100, state: 'processing', wechatRefundId: '50300001' })
    try {
      const d = await s.data('ops', { action: 'memberDetail', openid: m.openid }, 'demo-cashier')
      expect(d.scope).toEqual([XUHUI])
      expect(d.member.total).toBe(70000 - paid.charged)
      expect(d.lots.map((l: any) => l.outTradeNo)).toEqual([m.orders[0]])
      expect(d.otherStoresLots).toBe(1)
      expect(d.history.map((h: any) => h.storeId)).toEqual([XUHUI])
      expect(d.payments).toEqual([])
      expect(d.refunds).toEqual([])
      // 静安店's cashier sees the other half, and the refund paid from 静安店's recharge
      const j = await s.data('ops', { action: 'memberDetail', openid: m.openid }, JINGAN_CASHIER)
      expect(j.lots.map((l: any) => l.outTradeNo)).toEqual([m.orders[1]])
      expect(j.payments).toHaveLength(1)
      expect(j.refunds).toEqual([expect.objectContaining({ state: 'processing', parts: [expect.objectContaining({ wechatRefundId: '50300001' })] })])
    } finally {
      await removeRefund()
    }
  })

  it('answers NOT_FOUND for an openid without a wallet', async () => {
    expect((await s.call('ops', { action: 'memberDetail', openid: 'nobody-here' }, 'demo-admin')).error.code).toBe('NOT_FOUND')
  })
})
