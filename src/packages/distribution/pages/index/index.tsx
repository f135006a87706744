import { Text, View } from '@tarojs/components'
import './index.scss'

/** Placeholder so the subpackage exists from the start; the distributor centre comes here. */
export default function Placeholder() {
  return (
    <View className='page placeholder'>
      <Text className='placeholder__title'>分销中心</Text>
      <Text className='placeholder__line'>这里将展示推荐关系、佣金明细与提现。</Text>
    </View>
  )
}
