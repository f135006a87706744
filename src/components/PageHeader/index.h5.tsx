import { View } from '@tarojs/components'
import { NavBar, SafeArea } from '@nutui/nutui-react-taro'
import { ArrowLeft } from '@nutui/icons-react-taro'
import { goBack } from '../../lib/nav'
import type { PageHeaderProps } from './index'
import './index.scss'

/** The browser has no WeChat navigation bar: draw the title and a way back ourselves. */
export default function PageHeader({ title, back = true }: PageHeaderProps) {
  return (
    <View className='page-header'>
      <SafeArea position='top' />
      <NavBar
        className='page-header__bar'
        back={back ? <View id='nav-back' className='page-header__back' aria-label='返回'><ArrowLeft size={18} /></View> : null}
        onBackClick={back ? goBack : () => undefined}
        title={<View id='nav-title' className='page-header__title'>{title}</View>}
      />
    </View>
  )
}
