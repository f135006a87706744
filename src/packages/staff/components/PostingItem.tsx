import { Text, View } from '@tarojs/components'
import type { StaffHistoryItem } from '../../../../contracts/ops'
import { signedYuan, yuan } from '../../../lib/money'
import { formatTime } from '../../../lib/time'
import { REF_LABELS } from './refund-text'

/** One posting of the member's, with the ids staff look it up by (订单号, 微信支付单号, 退款单号…). */
export default function PostingItem({ item }: { item: StaffHistoryItem }) {
  return (
    <View className='staff__item staff-posting'>
      <View className='staff__row'>
        <Text>{item.title}</Text>
        <Text className={item.amount < 0 ? 'staff-posting__out' : 'staff-posting__in'}>{signedYuan(item.amount)}</Text>
      </View>
      <Text className='muted staff__line'>
        {formatTime(item.at)}
        {item.storeName ? ` · ${item.storeName}` : ''} · 本金 {yuan(item.principal)} · 赠送 {yuan(item.bonus)}
      </Text>
      {REF_LABELS.filter(([k]) => item.refs[k]).map(([k, label]) => (
        <Text key={k} className='muted staff__line'>
          {label} {item.refs[k]}
        </Text>
      ))}
    </View>
  )
}
