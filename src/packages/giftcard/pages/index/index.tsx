import { Text, View } from '@tarojs/components'
import './index.scss'

/** Placeholder so the subpackage exists from the start; gift cards come here. */
export default function Placeholder() {
  return (
    <View className='page placeholder'>
      <Text className='placeholder__title'>礼品卡</Text>
      <Text className='placeholder__line'>这里将提供礼品卡的购买、赠送与领取。</Text>
    </View>
  )
}
