import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Balance } from '../../../contracts/api'
import { ZERO, type Fen } from '../../../domain/money'
import { yuan, yuanPlain } from '../../lib/money'
import './index.scss'

export interface BalanceCardProps {
  balance: Balance | null
  /** ids become `<prefix>-total|principal|bonus`; home and wallet both use the default (e2e reads #balance-total on either) */
  idPrefix?: string
  /** top-right corner, e.g. the tier badge */
  extra?: ReactNode
}

/** Total balance with its principal / bonus split, exactly as the server reported it. */
export default function BalanceCard({ balance, idPrefix = 'balance', extra }: BalanceCardProps) {
  const show = (f: (amount: Fen) => string, amount: Fen | undefined) => (balance ? f(amount ?? ZERO) : '--')
  return (
    <View className='balance-card'>
      <View className='balance-card__head'>
        <Text className='balance-card__label'>储值余额（元）</Text>
        {extra}
      </View>
      <Text id={`${idPrefix}-total`} className='balance-card__total'>
        {show(yuanPlain, balance?.total)}
      </Text>
      <View className='balance-card__split'>
        <View className='balance-card__part'>
          <Text className='balance-card__part-label'>本金</Text>
          <Text id={`${idPrefix}-principal`} className='balance-card__part-value'>
            {show(yuan, balance?.principal)}
          </Text>
        </View>
        <View className='balance-card__part'>
          <Text className='balance-card__part-label'>赠送金</Text>
          <Text id={`${idPrefix}-bonus`} className='balance-card__part-value'>
            {show(yuan, balance?.bonus)}
          </Text>
        </View>
      </View>
    </View>
  )
}
