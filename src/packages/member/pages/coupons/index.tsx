import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { WalletCoupon as CouponView } from '../../../../../contracts/wallet'

type CouponState = CouponView['state']
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { useRemote } from '../../../../hooks/useRemote'
import { yuan } from '../../../../lib/money'
import { formatDate } from '../../../../lib/time'
import { wallet } from '../../../../services'
import './index.scss'

const STATE_TEXT: Record<CouponState, string> = { usable: '可使用', not_started: '未开始', used: '已使用', expired: '已过期' }
/** usable first, then those still to come, then the spent ones */
const ORDER: CouponState[] = ['usable', 'not_started', 'used', 'expired']

function CouponCard({ c }: { c: CouponView }) {
  return (
    <View id={`coupon-${c.id}`} className={`coupon-card coupon-card--${c.state}`}>
      <View className='coupon-card__off'>
        <Text className='coupon-card__amount'>{yuan(c.off)}</Text>
        <Text className='coupon-card__threshold'>{c.threshold > 0 ? `满${yuan(c.threshold)}可用` : '无门槛'}</Text>
      </View>
      <View className='coupon-card__main'>
        <Text className='coupon-card__title'>{c.title}</Text>
        <Text className='coupon-card__meta'>{c.storeIds === 'all' ? '全部门店可用' : '指定门店可用'}</Text>
        <Text className='coupon-card__meta'>
          {formatDate(c.startsAt)} 至 {formatDate(c.endsAt)}前
        </Text>
      </View>
      <Text className='coupon-card__state'>{STATE_TEXT[c.state]}</Text>
    </View>
  )
}

/** 我的优惠券: every coupon the member holds, usable ones first; used at checkout (买单). */
export default function Coupons() {
  const remote = useRemote(() => wallet.coupons(), [])
  const list = remote.data?.coupons

  return (
    <View className='page coupons'>
      <PageHeader title='我的优惠券' />
      {!list ? (
        remote.error ? <ErrorState error={remote.error} onRetry={() => void remote.reload()} /> : <LoadingState rows={5} />
      ) : list.length === 0 ? (
        <EmptyState id='coupons-empty' text='还没有优惠券，充值可获赠优惠券' action={{ text: '去充值', onClick: () => void Taro.navigateTo({ url: '/pages/recharge/index' }) }} />
      ) : (
        <View id='coupon-list' className='coupons__list'>
          {ORDER.flatMap((s) => list.filter((c) => c.state === s)).map((c) => (
            <CouponCard key={c.id} c={c} />
          ))}
          <Text className='muted coupons__hint'>买单时在“优惠券”一栏选择使用</Text>
        </View>
      )}
    </View>
  )
}
