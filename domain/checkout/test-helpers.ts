/** Builders for checkout tests. Not used by product code. */
import { fen } from '../money'
import type { LotBalance } from '../lots'
import type { Coupon } from './coupon'

export const NOW = new Date('2026-11-23T04:00:00.000Z') // 12:00 in Shanghai

export function coupon(over: Partial<Coupon> = {}): Coupon {
  return {
    id: 'cp1',
    title: '满100减10',
    threshold: fen(10_000),
    off: fen(1_000),
    stores: 'all',
    startsAt: '2026-11-01T00:00:00.000+08:00',
    endsAt: '2026-12-01T00:00:00.000+08:00',
    ...over
  }
}

export const lot = (id: string, p: number, b: number, day = 1): LotBalance => ({
  id,
  principalLeft: fen(p),
  bonusLeft: fen(b),
  paidAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000+08:00`
})
