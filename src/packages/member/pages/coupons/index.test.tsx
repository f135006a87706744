import { fireEvent, render, waitFor } from '@testing-library/react'
import { fakeBackend, resetWebState, settle } from '../../../../../test/web/helpers'
import Coupons from './index'

jest.mock('../../../../services/transport')

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()
beforeEach(() => resetWebState())

test('every coupon with its value, threshold and dates; usable ones first, expired ones marked', async () => {
  fakeBackend()
  const { container: c } = render(<Coupons />)
  await settle()
  await waitFor(() => expect(c.querySelector('#coupon-list')).not.toBeNull())
  const cards = [...c.querySelectorAll('.coupon-card')].map((e) => e.id)
  expect(cards).toEqual(['coupon-cp-5', 'coupon-cp-20', 'coupon-cp-jingan', 'coupon-cp-old'])
  expect(text(c, '#coupon-cp-5 .coupon-card__amount')).toBe('¥5.00')
  expect(text(c, '#coupon-cp-5 .coupon-card__threshold')).toBe('满¥50.00可用')
  expect(text(c, '#coupon-cp-jingan .coupon-card__threshold')).toBe('无门槛')
  expect(c.querySelector('#coupon-cp-5')).toHaveTextContent('2026-11-01 至 2027-01-01前')
  expect(c.querySelector('#coupon-cp-20')).toHaveTextContent('指定门店可用')
  expect(text(c, '#coupon-cp-old .coupon-card__state')).toBe('已过期')
  expect(c.querySelector('#coupon-cp-old')!.className).toContain('coupon-card--expired')
})

test('no coupons: an empty state that leads to recharge', async () => {
  fakeBackend({ coupons: [] })
  const { container: c } = render(<Coupons />)
  await settle()
  await waitFor(() => expect(c.querySelector('#coupons-empty')).toHaveTextContent('还没有优惠券'))
})

test('loading, then an error with a retry that loads', async () => {
  fakeBackend({ memberError: { code: 'INTERNAL', message: 'x' } })
  const { container: c } = render(<Coupons />)
  expect(c.querySelector('#state-loading')).not.toBeNull()
  await waitFor(() => expect(c.querySelector('#state-retry')).not.toBeNull())
  fakeBackend()
  fireEvent.click(c.querySelector('#state-retry')!)
  await waitFor(() => expect(c.querySelector('#coupon-list')).not.toBeNull())
})
