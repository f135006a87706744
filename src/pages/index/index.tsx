import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import BalanceCard from '../../components/BalanceCard'
import DevUserSwitcher from '../../components/DevUserSwitcher'
import PageHeader from '../../components/PageHeader'
import { ErrorState, LoadingState } from '../../components/PageState'
import TierBadge from '../../components/TierBadge'
import { useBalance, usePageParams, useReloadOnShow } from '../../hooks'
import './index.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

/**
 * 首页 (member centre): whose store this is, the member's tier and balance, and the main actions.
 * The staff desk shows only when the server says the caller is staff.
 */
export default function Home() {
  const balance = useBalance()
  const { storeId } = usePageParams()
  useReloadOnShow(balance.reload)
  const b = balance.data
  const storeQuery = storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''

  return (
    <View className='page home'>
      <PageHeader title='会员中心' back={false} />
      {b ? (
        <>
          <View className='home__brand'>
            <Text id='home-brand' className='home__brand-name'>
              {b.merchantName || '会员中心'}
            </Text>
            <TierBadge tier={b.tier} />
          </View>
          <BalanceCard balance={b} />
          {!b.isMember ? (
            <Text id='home-hint' className='muted home__hint'>
              首次充值即成为会员，余额可在门店消费
            </Text>
          ) : null}
          <View className='actions'>
            <Button id='go-recharge' className='go-recharge' type='primary' size='large' onClick={go(`/pages/recharge/index${storeQuery}`)}>
              充值
            </Button>
            <Button id='go-wallet' className='go-wallet' size='large' onClick={go('/pages/wallet/index')}>
              余额明细
            </Button>
          </View>
          <Cell.Group className='home__more'>
            <View id='go-checkout' className='home__link' onClick={go(`/packages/checkout/pages/index/index${storeQuery}`)}>
              <Cell className='home__cell' title='到店买单' extra='用余额付款' />
            </View>
            <View id='go-member' className='home__link' onClick={go('/packages/member/pages/index/index')}>
              <Cell className='home__cell' title='会员等级' extra='权益 · 优惠券 · 积分' />
            </View>
            <View id='go-paycode'>
              <Cell className='home__cell' title='付款码' extra='即将上线' />
            </View>
            <View id='go-giftcard' className='home__link' onClick={go('/packages/giftcard/pages/index/index')}>
              <Cell className='home__cell' title='礼品卡' extra='查看' />
            </View>
            <View id='go-family' className='home__link' onClick={go('/packages/family/pages/index/index')}>
              <Cell className='home__cell' title='家庭共享' extra='管理' />
            </View>
            {b.isStaff ? (
              <View id='go-staff' className='home__link' onClick={go('/packages/staff/pages/index/index')}>
                <Cell className='home__cell' title='店员工作台' extra='进入' />
              </View>
            ) : null}
          </Cell.Group>
        </>
      ) : balance.error ? (
        <ErrorState error={balance.error} onRetry={() => void balance.reload()} />
      ) : (
        <LoadingState rows={5} />
      )}
      <DevUserSwitcher onSwitch={() => void balance.reload()} />
    </View>
  )
}
