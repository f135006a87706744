import fc from 'fast-check'
import { fen } from '../money'
import { allocateRefund, outRefundNo, type PaymentState, WECHAT_MAX_REFUNDS_PER_PAYMENT } from './allocate'
import { RefundError } from './policy'
import type { LotRefund } from './rule'

const DAY = 86_400_000
const PAID = '2025-11-01T10:00:00.000+08:00'
const paidMs = new Date(PAID).getTime()
const pay = (over: Partial<PaymentState> = {}): PaymentState => ({
  outTradeNo: 'R1',
  transactionId: 'T1',
  paidAt: PAID,
  total: fen(30_000),
  refunded: fen(0),
  refundCount: 0,
  ...over
})
const lotRefund = (over: Partial<LotRefund> = {}): LotRefund => ({
  lotId: 'lot:R1',
  outTradeNo: 'R1',
  storeId: 's1',
  refund: fen(21_429),
  forfeited: fen(3_571),
  principal: fen(21_428),
  bonus: fen(3_572),
  withinCoolingOff: false,
  giftsTakenBack: [],
  ...over
})
const now = new Date(paidMs + 30 * DAY)

describe('allocateRefund', () => {
  it('sends a lot back through the payment that bought it, holding everything the lot has', () => {
    expect(allocateRefund('RF1', [lotRefund()], [pay()], now)).toEqual([
      {
        kind: 'wechat',
        lotId: 'lot:R1',
        storeId: 's1',
        outTradeNo: 'R1',
        transactionId: 'T1',
        outRefundNo: 'RF1-R1',
        amount: 21_429,
        total: 30_000,
        notBefore: null,
        principal: 21_428,
        bonus: 3_572,
        forfeited: 3_571
      }
    ])
  })

  it('spreads a refund over several payments, one part each', () => {
    const lots = [lotRefund(), lotRefund({ lotId: 'lot:R2', outTradeNo: 'R2', refund: fen(10_000), forfeited: fen(0), principal: fen(10_000), bonus: fen(0) })]
    const parts = allocateRefund('RF1', lots, [pay(), pay({ outTradeNo: 'R2', transactionId: 'T2', total: fen(10_000) })], now)
    expect(parts.map((p) => [p.kind, p.outTradeNo, p.outRefundNo, p.amount])).toEqual([
      ['wechat', 'R1', 'RF1-R1', 21_429],
      ['wechat', 'R2', 'RF1-R2', 10_000]
    ])
  })

  it('sends through WeChat Pay until the 365th day; from that instant it is a manual payout', () => {
    const before = allocateRefund('RF1', [lotRefund()], [pay()], new Date(paidMs + 365 * DAY - 1))
    expect(before.map((p) => p.kind)).toEqual(['wechat'])
    const at = allocateRefund('RF1', [lotRefund()], [pay()], new Date(paidMs + 365 * DAY))
    expect(at).toMatchObject([{ kind: 'manual', reason: 'older_than_365_days', amount: 21_429, outRefundNo: 'RF1-M-R1' }])
  })

  it('makes the 50th refund of a payment and refuses the 51st', () => {
    const fiftieth = allocateRefund('RF1', [lotRefund()], [pay({ refundCount: WECHAT_MAX_REFUNDS_PER_PAYMENT - 1 })], now)
    expect(fiftieth.map((p) => p.kind)).toEqual(['wechat'])
    const fiftyFirst = allocateRefund('RF1', [lotRefund()], [pay({ refundCount: WECHAT_MAX_REFUNDS_PER_PAYMENT })], now)
    expect(fiftyFirst).toMatchObject([{ kind: 'manual', reason: 'refund_count_exhausted' }])
  })

  it('never asks a payment for more than it has left: the rest is paid by hand, the held value split in proportion', () => {
    const parts = allocateRefund('RF1', [lotRefund()], [pay({ refunded: fen(20_000) })], now)
    expect(parts.map((p) => [p.kind, p.amount])).toEqual([
      ['wechat', 10_000],
      ['manual', 11_429]
    ])
    expect(parts.reduce((s, p) => s + p.principal + p.bonus, 0)).toBe(25_000)
    expect(parts.reduce((s, p) => s + p.forfeited, 0)).toBe(3_571)
    expect(allocateRefund('RF1', [lotRefund()], [pay({ refunded: fen(30_000) })], now)).toMatchObject([{ kind: 'manual', reason: 'payment_refunded' }])
  })

  it('waits a minute after the last refund of the same payment', () => {
    const last = new Date(now.getTime() - 10_000).toISOString()
    expect(allocateRefund('RF1', [lotRefund()], [pay({ lastRefundAt: last })], now)[0]).toMatchObject({ notBefore: new Date(now.getTime() + 50_000).toISOString() })
    const old = new Date(now.getTime() - 60_000).toISOString()
    expect(allocateRefund('RF1', [lotRefund()], [pay({ lastRefundAt: old })], now)[0]).toMatchObject({ notBefore: null })
  })

  it('refuses a lot without its payment, and two lots on one payment', () => {
    expect(() => allocateRefund('RF1', [lotRefund()], [], now)).toThrow(RefundError)
    expect(() => allocateRefund('RF1', [lotRefund(), lotRefund({ lotId: 'lot:X' })], [pay()], now)).toThrow(RefundError)
  })

  it('is the same on a retry: same parts, same out_refund_no', () => {
    const a = allocateRefund('RF1', [lotRefund()], [pay()], now)
    expect(allocateRefund('RF1', [lotRefund()], [pay()], now)).toEqual(a)
  })
})

describe('outRefundNo', () => {
  it('is up to 64 chars of the charset WeChat Pay allows, or refused', () => {
    expect(outRefundNo('RF2026120100000001', 'R20261201000000000000000000001')).toMatch(/^[0-9A-Za-z_\-|*@]{1,64}$/)
    expect(outRefundNo('a'.repeat(31), 'b'.repeat(32))).toHaveLength(64)
    expect(() => outRefundNo('a'.repeat(32), 'b'.repeat(32))).toThrow(RefundError)
    expect(() => outRefundNo('RF 1', 'R1')).toThrow(RefundError)
    expect(() => outRefundNo('RF1', 'R/1')).toThrow(RefundError)
  })
})

describe('properties', () => {
  it('parts add up to the quote and hold exactly the lot; no WeChat part exceeds the room or breaks a limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 400 }),
        (refund, forfeited, refunded, count, day) => {
          const total = Math.max(refund, 1) + 100
          const principal = Math.min(refund + forfeited, refund + Math.floor(forfeited / 2))
          const l = lotRefund({ refund: fen(refund), forfeited: fen(forfeited), principal: fen(principal), bonus: fen(refund + forfeited - principal) })
          const p = pay({ total: fen(total), refunded: fen(Math.min(refunded, total)), refundCount: count })
          const t = new Date(paidMs + day * DAY)
          const parts = allocateRefund('RF9', [l], [p], t)
          expect(parts.reduce((s, x) => s + x.amount, 0)).toBe(refund)
          expect(parts.reduce((s, x) => s + x.principal, 0)).toBe(principal)
          expect(parts.reduce((s, x) => s + x.bonus, 0)).toBe(refund + forfeited - principal)
          expect(parts.reduce((s, x) => s + x.forfeited, 0)).toBe(forfeited)
          for (const x of parts) {
            expect(x.amount).toBeGreaterThan(0)
            expect(x.principal).toBeGreaterThanOrEqual(0)
            expect(x.bonus).toBeGreaterThanOrEqual(0)
            expect(x.principal + x.bonus).toBe(x.amount + x.forfeited)
            if (x.kind === 'wechat') {
              expect(x.amount).toBeLessThanOrEqual(p.total - p.refunded)
              expect(day).toBeLessThan(365)
              expect(count).toBeLessThan(50)
            }
          }
        }
      )
    )
  })
})
