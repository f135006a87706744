import { fireEvent, render } from '@testing-library/react'
import { OFFER } from '../../../test/fixtures/backend'
import { ZERO } from '../../../domain/money'
import { settle } from '../../../test/web/helpers'
import PlanCard from './index'

const [withCampaign, plain] = OFFER.plans

test('a plan shows pay, the server’s bonus with its campaign part, credit, gifts and tag', async () => {
  const { container } = render(<PlanCard plan={withCampaign} selected={false} onSelect={() => {}} />)
  await settle()
  const card = container.querySelector('#plan-p100')!
  expect(card.querySelector('.plan-card__bonus')).toHaveTextContent('送¥15.00')
  expect(card.querySelector('.plan-card__extra')).toHaveTextContent('含活动加赠¥5.00')
  expect(card).toHaveTextContent('到账¥115.00')
  expect(card).toHaveTextContent('赠满50减5元券')
  expect(card).toHaveTextContent('热卖')
  expect(card.querySelector('.nut-price')).toHaveTextContent('¥100.00')
})

test('a plan without bonus says so and tapping it selects its id', async () => {
  const onSelect = jest.fn()
  const { container } = render(<PlanCard plan={{ ...plain, bonus: ZERO, credit: plain.pay }} selected onSelect={onSelect} />)
  await settle()
  const card = container.querySelector('#plan-p300')!
  expect(card).toHaveTextContent('无赠送')
  expect(card).not.toHaveTextContent('活动加赠')
  expect(card.className).toContain('plan-card--selected')
  fireEvent.click(card)
  expect(onSelect).toHaveBeenCalledWith('p300')
})
