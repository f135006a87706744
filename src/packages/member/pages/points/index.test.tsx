import { fireEvent, render, waitFor } from '@testing-library/react'
import { fakeBackend, resetWebState, settle } from '../../../../../test/web/helpers'
import Points from './index'

jest.mock('../../../../services/transport')

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()
beforeEach(() => resetWebState())

test('balance, multiplier and history page by page with the server cursor', async () => {
  const backend = fakeBackend({ pointsSize: 15, pageSize: 10 })
  const { container: c } = render(<Points />)
  await settle()
  await waitFor(() => expect(text(c, '#points-balance')).toBe('1280'))
  expect(text(c, '#points-multiplier')).toBe('消费积分2倍，2027-01-01前有效')
  expect(c.querySelectorAll('.points-item')).toHaveLength(10)
  expect(text(c, '#points-pt001 .points-item__delta')).toBe('+108')
  expect(text(c, '#points-pt004 .points-item__delta')).toBe('-50')
  await settle() // Taro's button finishes rendering on the next frame
  fireEvent.click(c.querySelector('#points-more')!)
  await settle()
  await waitFor(() => expect(c.querySelectorAll('.points-item')).toHaveLength(15))
  expect(c.querySelector('#points-more')).toBeNull()
  expect(backend.calls.map((x) => x.event)).toEqual([{ action: 'points' }, { action: 'points', cursor: '10' }])
})

test('no points yet: an empty history', async () => {
  fakeBackend({ pointsSize: 0 })
  const { container: c } = render(<Points />)
  await settle()
  await waitFor(() => expect(c.querySelector('#points-empty')).not.toBeNull())
  expect(text(c, '#points-balance')).toBe('1280')
})

test('loading, then an error with a retry that loads', async () => {
  fakeBackend({ memberError: { code: 'INTERNAL', message: 'x' } })
  const { container: c } = render(<Points />)
  expect(c.querySelector('#state-loading')).not.toBeNull()
  await waitFor(() => expect(c.querySelector('#state-retry')).not.toBeNull())
  fakeBackend()
  fireEvent.click(c.querySelector('#state-retry')!)
  await waitFor(() => expect(text(c, '#points-balance')).toBe('1280'))
})
