import { Text, View } from '@tarojs/components'
import './index.scss'

/** Placeholder so the subpackage exists from the start; the cashier / staff desk comes here. */
export default function Placeholder() {
  return (
    <View className='page placeholder'>
      <Text className='placeholder__title'>店员工作台</Text>
      <Text className='placeholder__line'>这里将提供收银核销、会员查询与退款申请。</Text>
    </View>
  )
}
