import { Text, View } from '@tarojs/components'
import type { HistoryItem as Item } from '../../../contracts/api'
import { signedYuan } from '../../lib/money'
import { formatTime } from '../../lib/time'
import './index.scss'

export interface HistoryItemProps {
  item: Item
  onOpen: (id: string) => void
}

/** One balance change: what, when, where (once: a spend's title already names its store), and the signed amount. */
export default function HistoryItem({ item, onOpen }: HistoryItemProps) {
  const sign = item.amount > 0 ? 'plus' : item.amount < 0 ? 'minus' : 'zero'
  return (
    <View id={`history-${item.id}`} className='history-item' onClick={() => onOpen(item.id)}>
      <View className='history-item__main'>
        <Text className='history-item__title'>{item.title}</Text>
        <Text className='history-item__meta'>
          {formatTime(item.at)}
          {item.storeName && !item.title.includes(item.storeName) ? ` · ${item.storeName}` : ''}
        </Text>
      </View>
      <Text className={`history-item__amount history-item__amount--${sign}`}>{signedYuan(item.amount)}</Text>
    </View>
  )
}
