import { fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { MEMBER } from '../../../../../test/fixtures/backend'
import { fakeBackend, resetWebState, settle } from '../../../../../test/web/helpers'
import Member from './index'

jest.mock('../../../../services/transport')

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)?.textContent?.trim()

beforeEach(() => resetWebState())

async function open() {
  const view = render(<Member />)
  await settle()
  return view.container
}

test('the tier, its discount, what it gives, and what the next tier takes', async () => {
  fakeBackend()
  const c = await open()
  await waitFor(() => expect(text(c, '#member-tier')).toBe('金卡'))
  expect(text(c, '#tier-badge')).toBe('金卡')
  expect(text(c, '#member-discount')).toBe('会员折扣：9折')
  expect(text(c, '#member-code')).toBe('会员码 20261202（到店出示给店员查询）')
  expect(text(c, '#member-recharged')).toBe('累计充值本金¥1,000.00')
  expect(text(c, '#member-needed')).toBe('¥2,000.00')
  expect(c.querySelector('#member-next')).toHaveTextContent('再充值¥2,000.00升级为黑金')
  expect(c.querySelectorAll('.member__benefit')).toHaveLength(3)
  expect(c.querySelector('#member-terms')).toBeNull()
})

test('at the top tier there is no next step', async () => {
  fakeBackend({ member: { ...MEMBER, next: null } })
  const c = await open()
  await waitFor(() => expect(text(c, '#member-top')).toBe('您已是最高等级'))
})

test('new tier terms: shown with what changes; accepting sends their version and the notice goes', async () => {
  const backend = fakeBackend({ member: { ...MEMBER, pendingTerms: { version: 'tiers-2027-01', tier: { code: 'gold', name: '金卡' }, changes: '金卡折扣由9折调整为9.2折' } } })
  const c = await open()
  await waitFor(() => expect(text(c, '#member-terms-changes')).toBe('金卡折扣由9折调整为9.2折'))
  await settle() // Taro's button finishes rendering on the next frame
  fireEvent.click(c.querySelector('#terms-accept')!)
  await waitFor(() => expect(c).not.toHaveTextContent('会员等级规则更新'))
  expect(backend.calls.filter((x) => x.event.action === 'acceptTerms').map((x) => x.event)).toEqual([{ action: 'acceptTerms', version: 'tiers-2027-01' }])
})

test('not a member yet: an empty state that leads to recharge', async () => {
  fakeBackend({ member: { ...MEMBER, tier: null, discountLabel: '无折扣', benefits: [], netRecharged: 0 as never } })
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  try {
    const c = await open()
    await waitFor(() => expect(c.querySelector('#member-empty')).toHaveTextContent('首次充值即成为会员'))
    fireEvent.click(c.querySelector('#member-empty .page-state__button')!)
    expect(nav.mock.calls[0][0].url).toBe('/pages/recharge/index')
  } finally {
    nav.mockRestore()
  }
})

test('coupons and points are one tap away', async () => {
  fakeBackend()
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  try {
    const c = await open()
    await waitFor(() => expect(c.querySelector('#go-coupons')).not.toBeNull())
    fireEvent.click(c.querySelector('#go-coupons')!)
    fireEvent.click(c.querySelector('#go-points')!)
    expect(nav.mock.calls.map(([o]) => o.url)).toEqual(['/packages/member/pages/coupons/index', '/packages/member/pages/points/index'])
  } finally {
    nav.mockRestore()
  }
})

test('loading, then an error with a retry that loads', async () => {
  fakeBackend({ memberError: { code: 'INTERNAL', message: 'boom' } })
  const { container } = render(<Member />)
  expect(container.querySelector('#state-loading')).not.toBeNull()
  await waitFor(() => expect(text(container, '#state-error-text')).toBe('系统繁忙，请稍后重试'))
  fakeBackend()
  fireEvent.click(container.querySelector('#state-retry')!)
  await waitFor(() => expect(text(container, '#member-tier')).toBe('金卡'))
})
