import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { FamilyMemberView } from '../../../../contracts/family'
import { yuan } from '../../../lib/money'
import { formatTime } from '../../../lib/time'

export interface MemberCardProps {
  member: FamilyMemberView
  busy: boolean
  onLimit: () => void
  onRemove: () => void
}

/** One family member as the owner sees them: limit, this month's spending, latest payments. */
export default function MemberCard({ member: m, busy, onLimit, onRemove }: MemberCardProps) {
  return (
    <View className='family__card family-member' id={`member-${m.memberId}`}>
      <View className='family__row'>
        <Text className='family__name'>{m.name}</Text>
        <Text className='muted'>{formatTime(m.joinedAt)} 加入</Text>
      </View>
      <View className='family__row family__figures'>
        <Text className='member-limit'>{m.limit === null ? '每月不限额' : `每月限额 ${yuan(m.limit)}`}</Text>
        <Text className='member-spent'>本月已用 {yuan(m.spentThisMonth)}</Text>
      </View>
      {m.recent.length ? (
        <View className='family__recent'>
          {m.recent.map((p) => (
            <View key={p.paymentId} className='family__row family__payment'>
              <Text>{p.storeName}</Text>
              <Text className='muted'>{formatTime(p.paidAt)}</Text>
              <Text>-{yuan(p.charged)}</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className='muted family__line'>还没有用家庭余额付过款</Text>
      )}
      <View className='family__actions'>
        <Button className='member-set-limit' size='small' disabled={busy} onClick={onLimit}>
          设置限额
        </Button>
        <Button className='member-remove' size='small' type='danger' fill='outline' disabled={busy} onClick={onRemove}>
          移除
        </Button>
      </View>
    </View>
  )
}
