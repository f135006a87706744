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

/**
 * One recharge plan: what you pay, the bonus the server quoted now (campaign part on its own
 * line, so it never wraps mid-amount), what reaches the balance. The merchant's plan title
 * ("充1000送200") is not repeated: with a campaign it would contradict the quoted bonus.
 * A plan the balance cap refuses right now (`fitsCap === false`) is shown but cannot be chosen.
 */
export default function PlanCard({ plan, selected, onSelect }: PlanCardProps) {
  const blocked = plan.fitsCap === false
  const cls = ['plan-card', `plan-card--${plan.id}`, selected ? 'plan-card--selected' : '', blocked ? 'plan-card--blocked' : '']
  return (
    <View id={`plan-${plan.id}`} className={cls.filter(Boolean).join(' ')} onClick={() => !blocked && onSelect(plan.id)}>
      {plan.tag ? (
        <View className='plan-card__tag'>
          <Tag type='danger'>{plan.tag}</Tag>
        </View>
      ) : null}
      <View className='plan-card__pay'>
        <Money fen={plan.pay} size='large' color='#1f2329' />
      </View>
      {plan.bonus > 0 ? (
        <Text className='plan-card__bonus'>送{yuan(plan.bonus)}</Text>
      ) : (
        <Text className='plan-card__bonus plan-card__bonus--none'>无赠送</Text>
      )}
      {plan.campaignBonus > 0 ? <Text className='plan-card__extra'>含活动加赠{yuan(plan.campaignBonus)}</Text> : null}
      <Text className='plan-card__credit'>到账{yuan(plan.credit)}</Text>
      {plan.gifts.map((g) => (
        <Text key={`${g.kind}:${g.title}`} className='plan-card__gift'>
          赠{g.title}
        </Text>
      ))}
      {blocked ? <Text className='plan-card__blocked'>超出余额上限</Text> : null}
    </View>
  )
}
