import { Text, View } from '@tarojs/components'
import './index.scss'

export interface PlaceholderProps {
  title: string
  line: string
}

/** A page whose feature comes in a later issue: says what will be here. */
export default function Placeholder({ title, line }: PlaceholderProps) {
  return (
    <View className='page placeholder'>
      <Text className='placeholder__title'>{title}</Text>
      <Text className='placeholder__line'>{line}</Text>
    </View>
  )
}
