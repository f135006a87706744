import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import PageHeader from '../PageHeader'
import { EmptyState } from '../PageState'
import { HOME_URL } from '../../lib/nav'

export interface PlaceholderProps {
  title: string
  line: string
}

/** A page whose feature comes in a later issue: says what will be here, and the way home. */
export default function Placeholder({ title, line }: PlaceholderProps) {
  return (
    <View className='page placeholder'>
      <PageHeader title={title} />
      <EmptyState id='placeholder' text={line} action={{ text: '返回首页', onClick: () => void Taro.reLaunch({ url: HOME_URL }) }} />
    </View>
  )
}
