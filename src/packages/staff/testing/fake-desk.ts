import type { StaffMemberDetail, StaffRefundView } from '../../../../contracts/ops'
import type { Fen } from '../../../../contracts/money'
import type { RefundState } from '../../../../contracts/refund'
import { REFUND_GUIDANCE } from '../../../../domain/refunds/state'

/**
 * A fake of the ops actions the 储值查询 pages call (memberFind, memberDetail and the refund
 * actions in their agreed shapes), for the page tests behind a mocked transport. A fake, not the
 * product: the rules live in server/.
 */
const f = (n: number) => n as Fen

/** A refund in the shape the ops refund actions and memberDetail answer (server/refund/staff.ts staffRefundView). */
export function refundOf(o: { refundId: string; amount: number; state: RefundState; reason: string; wechatRefundId?: string | null; rejectReason?: string | null; createdAt?: string }): StaffRefundView {
  const partState = o.state === 'pending_approval' ? 'awaiting_approval' : o.state === 'rejected' ? 'rejected' : o.state
  return {
    refundId: o.refundId,
    openid: MEMBER.openid,
    amount: f(o.amount),
    state: o.state,
    reason: o.reason,
    bonusForfeited: f(0),
    withinCoolingOff: false,
    approval: 'staff',
    storeIds: ['store-xuhui'],
    guidance: REFUND_GUIDANCE[o.state].member,
    staffGuidance: REFUND_GUIDANCE[o.state].staff,
    rejectReason: o.rejectReason ?? null,
    createdAt: o.createdAt ?? '2026-12-02T02:00:00.000Z',
    parts: [
      { outTradeNo: 'CZ1', outRefundNo: `${o.refundId}-CZ1`, amount: f(o.amount), kind: 'wechat', state: partState, wechatRefundId: o.wechatRefundId ?? null, manualReason: null, reference: null, lastError: null }
    ]
  }
}

export const MEMBER = { openid: 'o-member-1', memberCode: '10000001', phone: '138****0001', memberSince: '2026-10-01T02:00:00.000Z', principal: f(20000), bonus: f(3000), total: f(23000) }

export function detailOf(refunds: StaffRefundView[] = []): StaffMemberDetail {
  return {
    member: MEMBER,
    held: f(0),
    lots: [
      {
        id: 'lot:CZ1',
        outTradeNo: 'CZ1',
        storeId: 'store-xuhui',
        storeName: '徐汇店',
        pay: f(30000),
        bonus: f(5000),
        principalLeft: f(20000),
        bonusLeft: f(3000),
        paidAt: '2026-10-01T02:00:00.000Z',
        transactionId: '4200000001',
        refundableUntil: '2027-10-01T02:00:00.000Z',
        coolingOffUntil: '2026-10-08T02:00:00.000Z',
        inCoolingOff: false
      }
    ],
    otherStoresLots: 1,
    history: [
      { id: 'j1', kind: 'spend', title: '徐汇店 消费', amount: f(-12000), principal: f(-10000), bonus: f(-2000), storeId: 'store-xuhui', storeName: '徐汇店', at: '2026-10-02T02:00:00.000Z', refs: { paymentId: 'pay-1' } },
      { id: 'j0', kind: 'recharge', title: '充值300.00 赠50.00', amount: f(35000), principal: f(30000), bonus: f(5000), storeId: 'store-xuhui', storeName: '徐汇店', at: '2026-10-01T02:00:00.000Z', refs: { outTradeNo: 'CZ1', transactionId: '4200000001' } }
    ],
    refunds,
    payments: [],
    scope: ['store-xuhui']
  }
}

type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } }

export function fakeDesk(opts: { refunds?: StaffRefundView[]; fail?: Record<string, { code: string; message: string }> } = {}) {
  const calls: Array<{ name: string; event: any }> = []
  let refunds = [...(opts.refunds ?? [])]
  const ok = (data: unknown): Envelope => ({ ok: true, data })
  async function send(name: string, event: any): Promise<Envelope> {
    calls.push({ name, event })
    const failure = opts.fail?.[event.action]
    if (failure) return { ok: false, error: failure }
    switch (event.action) {
      case 'memberFind':
        return event.query === '13800000001' || event.query === '10000001' ? ok({ member: MEMBER }) : { ok: false, error: { code: 'NOT_FOUND', message: '没有找到该会员，请核对手机号或会员码' } }
      case 'memberDetail':
        return ok(detailOf(refunds))
      case 'refundStart': {
        const r = refundOf({ refundId: 'RF1', amount: 17143, state: 'pending_approval', reason: event.reason })
        refunds = [r, ...refunds]
        return ok(r)
      }
      case 'refundApprove':
      case 'refundReject': {
        const state = event.action === 'refundApprove' ? 'processing' : 'rejected'
        refunds = refunds.map((r) => (r.refundId === event.refundId ? refundOf({ ...r, state, rejectReason: event.reason ?? null, wechatRefundId: r.parts[0].wechatRefundId }) : r))
        return ok(refunds.find((x) => x.refundId === event.refundId))
      }
      default:
        return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '暂不支持该操作' } }
    }
  }
  return { send, calls }
}
