import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import BalanceCard from '../../components/BalanceCard'
import DevUserSwitcher from '../../components/DevUserSwitcher'
import TierBadge from '../../components/TierBadge'
import { useBalance, usePageParams, useReloadOnShow } from '../../hooks'
import { errorText } from '../../services'
import './index.scss'

/** 首页: balance at a glance, the way to top up, and (H5 only) the demo-user switcher. */
export default function Home() {
  const balance = useBalance()
  const { storeId } = usePageParams()
  useReloadOnShow(balance.reload)
  const b = balance.data
  const storeQuery = storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''

  return (
    <View className='page home'>
      <BalanceCard balance={b} extra={<TierBadge tier={b?.tier ?? null} />} />
      {balance.error ? (
        <Text id='balance-error' className='error-text'>
          {errorText(balance.error)}
        </Text>
      ) : null}
      {b && !b.isMember ? <Text className='muted home__hint'>首次充值即成为会员，余额可在门店消费</Text> : null}
      <View className='actions'>
        <Button
          id='go-recharge'
          className='go-recharge'
          type='primary'
          size='large'
          onClick={() => Taro.navigateTo({ url: `/pages/recharge/index${storeQuery}` })}
        >
          立即充值
        </Button>
        <Button
          id='go-wallet'
          className='go-wallet'
          size='large'
          onClick={() => Taro.navigateTo({ url: '/pages/wallet/index' })}
        >
          余额明细
        </Button>
      </View>
      <Text id='go-staff' className='muted home__staff' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/index/index' })}>
        店员工作台
      </Text>
      <DevUserSwitcher onSwitch={() => void balance.reload()} />
    </View>
  )
}
