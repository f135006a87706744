import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { PlanQuote } from '../../../contracts/api'
import { yuan } from '../../lib/money'
import Money from '../Money'
import './index.scss'

export interface PlanCardProps {
  plan: PlanQuote
  selected: boolean
  onSelect: (planId: string) => void
}

/** One recharge plan: what you pay, what the server says you get on top. */
export default function PlanCard({ plan, selected, onSelect }: PlanCardProps) {
  return (
    <View
      id={`plan-${plan.id}`}
      className={`plan-card plan-card--${plan.id}${selected ? ' plan-card--selected' : ''}`}
      onClick={() => onSelect(plan.id)}
    >
      {plan.tag ? (
        <View className='plan-card__tag'>
          <Tag type='danger'>{plan.tag}</Tag>
        </View>
      ) : null}
      <Text className='plan-card__title'>{plan.title}</Text>
      <View className='plan-card__pay'>
        <Money fen={plan.pay} size='large' color='#1f2329' />
      </View>
      {plan.bonus > 0 ? (
        <Text className='plan-card__bonus'>
          送{yuan(plan.bonus)}
          {plan.campaignBonus > 0 ? `（含活动加赠${yuan(plan.campaignBonus)}）` : ''}
        </Text>
      ) : (
        <Text className='plan-card__bonus plan-card__bonus--none'>无赠送</Text>
      )}
      <Text className='plan-card__credit'>到账 {yuan(plan.credit)}</Text>
      {plan.gifts.length > 0 ? (
        <View className='plan-card__gifts'>
          {plan.gifts.map((g) => (
            <Text key={`${g.kind}:${g.title}`} className='plan-card__gift'>
              + {g.title}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
