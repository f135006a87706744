import { Text, View } from '@tarojs/components'
import { Popup, SafeArea } from '@nutui/nutui-react-taro'
import type { WalletCoupon as CouponView } from '../../../../../contracts/wallet'
import { yuan } from '../../../../lib/money'
import { formatDate } from '../../../../lib/time'
import './index.scss'

export interface CouponPickerProps {
  visible: boolean
  /** the member's usable coupons for this store */
  coupons: CouponView[]
  selected: string | null
  /** the bill as typed; a coupon whose threshold it does not reach is shown but cannot be picked */
  billAmount: number | null
  onPick: (couponId: string | null) => void
  onClose: () => void
}

/** 选择优惠券: the coupons this store takes; the server still decides (COUPON_NOT_APPLICABLE). */
export default function CouponPicker({ visible, coupons, selected, billAmount, onPick, onClose }: CouponPickerProps) {
  return (
    <Popup visible={visible} position='bottom' round closeable title='选择优惠券' onClose={onClose}>
      <View id='coupon-list' className='coupon-picker'>
        {coupons.map((c) => {
          const short = billAmount !== null && billAmount < c.threshold
          return (
            <View
              key={c.id}
              id={`coupon-${c.id}`}
              className={`coupon-picker__item${selected === c.id ? ' coupon-picker__item--selected' : ''}${short ? ' coupon-picker__item--short' : ''}`}
              onClick={() => !short && onPick(c.id)}
            >
              <Text className='coupon-picker__off'>减{yuan(c.off)}</Text>
              <View className='coupon-picker__main'>
                <Text className='coupon-picker__title'>{c.title}</Text>
                <Text className='coupon-picker__meta'>
                  {c.threshold > 0 ? `满${yuan(c.threshold)}可用` : '无门槛'} · {formatDate(c.endsAt)}前有效
                </Text>
              </View>
            </View>
          )
        })}
        <View id='coupon-none' className={`coupon-picker__item coupon-picker__none${selected === null ? ' coupon-picker__item--selected' : ''}`} onClick={() => onPick(null)}>
          <Text>不使用优惠券</Text>
        </View>
      </View>
      <SafeArea position='bottom' />
    </Popup>
  )
}
