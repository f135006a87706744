import { Text, View } from '@tarojs/components'
import type { StaffLot } from '../../../../contracts/ops'
import Money from '../../../components/Money'
import { yuan } from '../../../lib/money'
import { formatTime } from '../../../lib/time'

/** One recharge lot: what was paid and given, what is left, and until when it comes back how. */
export default function LotItem({ lot }: { lot: StaffLot }) {
  return (
    <View className='staff__item staff-lot'>
      <View className='staff__row'>
        <Text>
          {lot.storeName ?? lot.storeId} 充{yuan(lot.pay)}
          {lot.bonus > 0 ? ` 赠${yuan(lot.bonus)}` : ''}
        </Text>
        <Text className={`staff__status ${lot.inCoolingOff ? 'staff__status--pending' : ''}`}>{lot.inCoolingOff ? '冷静期内' : '冷静期已过'}</Text>
      </View>
      <View className='staff__row staff-lot__left'>
        <Text className='muted'>剩余本金 {yuan(lot.principalLeft)} · 剩余赠送 {yuan(lot.bonusLeft)}</Text>
        <Money fen={lot.principalLeft} size='small' />
      </View>
      <Text className='muted staff__line'>充值时间 {formatTime(lot.paidAt)}</Text>
      <Text className='muted staff__line'>冷静期至 {formatTime(lot.coolingOffUntil)}</Text>
      {lot.refundableUntil ? <Text className='muted staff__line'>可原路退回至 {formatTime(lot.refundableUntil)}</Text> : null}
      <Text className='muted staff__line'>订单号 {lot.outTradeNo}</Text>
      {lot.transactionId ? <Text className='muted staff__line'>微信支付单号 {lot.transactionId}</Text> : null}
    </View>
  )
}
