import { fireEvent, render } from '@testing-library/react'
import type { HistoryItem as Item } from '../../../contracts/api'
import { fen } from '../../../domain/money'
import { settle } from '../../../test/web/helpers'
import HistoryItem from './index'

const spend: Item = {
  id: 'e1', kind: 'spend', title: '门店消费', amount: fen(-2350), principal: fen(-2000), bonus: fen(-350),
  storeId: 's1', storeName: '人民路店', at: '2026-11-20T16:30:00.000Z', refs: {}
}

test('shows title, China time, store and the signed amount; tap opens by id', async () => {
  const onOpen = jest.fn()
  const { container } = render(<HistoryItem item={spend} onOpen={onOpen} />)
  await settle()
  const row = container.querySelector('.history-item')!
  expect(row).toHaveTextContent('门店消费')
  // 16:30 UTC is 00:30 the next day in Shanghai
  expect(row).toHaveTextContent('2026-11-21 00:30 · 人民路店')
  expect(row.querySelector('.history-item__amount')).toHaveTextContent('-¥23.50')
  expect(row.querySelector('.history-item__amount--minus')).not.toBeNull()
  fireEvent.click(row)
  expect(onOpen).toHaveBeenCalledWith('e1')
})

test('a credit is shown with a plus sign', async () => {
  const { container } = render(<HistoryItem item={{ ...spend, kind: 'recharge', amount: fen(35000), storeName: null }} onOpen={() => {}} />)
  await settle()
  expect(container.querySelector('.history-item__amount--plus')).toHaveTextContent('+¥350.00')
  expect(container.querySelector('.history-item__meta')).toHaveTextContent(/^2026-11-21 00:30$/)
})

test('a spend as the server titles it (徐汇店 消费) names its store once', async () => {
  const { container } = render(<HistoryItem item={{ ...spend, title: '徐汇店 消费', storeName: '徐汇店' }} onOpen={() => {}} />)
  await settle()
  expect(container.querySelector('.history-item__title')).toHaveTextContent('徐汇店 消费')
  expect(container.querySelector('.history-item__meta')).toHaveTextContent(/^2026-11-21 00:30$/)
})
