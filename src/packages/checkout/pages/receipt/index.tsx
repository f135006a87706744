import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { Checked, Tips } from '@nutui/icons-react-taro'
import PageHeader from '../../../../components/PageHeader'
import { ErrorState, LoadingState } from '../../../../components/PageState'
import { usePageParams } from '../../../../hooks/usePageParams'
import { yuan } from '../../../../lib/money'
import { formatTime } from '../../../../lib/time'
import { ApiError } from '../../../../services'
import { useBillReceipt } from '../../hooks/useBillReceipt'
import './index.scss'

function Row({ id, label, value, strong }: { id: string; label: string; value: string; strong?: boolean }) {
  return (
    <View className='receipt__row'>
      <Text className='receipt__key'>{label}</Text>
      <Text id={id} className={`receipt__value${strong ? ' receipt__value--strong' : ''}`}>
        {value}
      </Text>
    </View>
  )
}

const Actions = () => (
  <View className='actions'>
    <Button id='go-wallet' type='primary' onClick={() => Taro.redirectTo({ url: '/pages/wallet/index' })}>
      查看余额明细
    </Button>
    <Button id='go-home' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
      返回首页
    </Button>
  </View>
)

/**
 * 支付结果 (`?paymentId=` after paying, `?outTradeNo=` after a recharge that pays the bill): waits
 * until the server confirms the payment, then shows the receipt exactly as the server wrote it.
 */
export default function Receipt() {
  const { paymentId, outTradeNo } = usePageParams()
  const [round, setRound] = useState(0)
  const w = useBillReceipt({ paymentId, outTradeNo }, { round })
  const r = w.receipt

  if (!paymentId && !outTradeNo) {
    return (
      <View className='page receipt'>
        <PageHeader title='支付结果' />
        <ErrorState error={new ApiError('NOT_FOUND', '')} />
      </View>
    )
  }
  if (w.closed || w.unpaidBill) {
    return (
      <View className='page receipt'>
        <PageHeader title='支付结果' />
        <View className='receipt__panel'>
          <Tips className='receipt__icon receipt__icon--warn' size={56} />
          <Text id='receipt-state' className='receipt__state'>
            {w.closed ? '充值未完成' : '充值已到账'}
          </Text>
          <Text id='receipt-hint' className='muted receipt__hint'>
            {w.closed ? '订单已关闭，本单未支付，未扣款' : `${w.billFailure ? `${w.billFailure}。` : ''}本单未能自动支付，请返回重新买单，可直接使用新余额`}
          </Text>
        </View>
        <Actions />
      </View>
    )
  }
  if (!r) {
    if (w.error && !w.waiting) {
      return (
        <View className='page receipt'>
          <PageHeader title='支付结果' />
          <ErrorState error={w.error} onRetry={() => setRound((n) => n + 1)} />
        </View>
      )
    }
    return (
      <View className='page receipt'>
        <PageHeader title='支付结果' />
        {w.waiting === 'recharge' ? (
          <View className='receipt__panel'>
            <Loading className='receipt__spinner' />
            <Text id='receipt-state' className='receipt__state'>
              充值确认中
            </Text>
            <Text className='muted receipt__hint'>{w.gaveUp ? '到账可能稍有延迟，请稍后在余额明细中查看' : '到账后将自动支付本单'}</Text>
          </View>
        ) : (
          <LoadingState rows={6} />
        )}
      </View>
    )
  }

  if (r.state === 'closed') {
    return (
      <View className='page receipt'>
        <PageHeader title='支付结果' />
        <View className='receipt__panel'>
          <Tips className='receipt__icon receipt__icon--warn' size={56} />
          <Text id='receipt-state' className='receipt__state'>
            支付未完成
          </Text>
          <Text id='receipt-hint' className='muted receipt__hint'>
            微信支付部分未完成，本单已关闭，余额已退回
          </Text>
        </View>
        <Actions />
      </View>
    )
  }

  const paid = r.state === 'paid'
  return (
    <View className='page receipt'>
      <PageHeader title='支付结果' />
      <View className='receipt__panel'>
        {paid ? <Checked className='receipt__icon receipt__icon--paid' size={56} /> : <Loading className='receipt__spinner' />}
        <Text id='receipt-state' className='receipt__state'>
          {paid ? '支付成功' : '等待微信支付确认'}
        </Text>
        <Text id='receipt-store' className='muted receipt__hint'>
          {r.storeName}
        </Text>
        <Text id='receipt-charged' className='receipt__total'>
          {yuan(r.charged)}
        </Text>
        {!paid && w.gaveUp ? <Text className='muted receipt__hint'>确认可能稍有延迟，请稍后在余额明细中查看</Text> : null}
      </View>

      <View className='receipt__rows'>
        <Row id='receipt-amount' label='消费金额' value={yuan(r.amount)} />
        {r.discount > 0 ? <Row id='receipt-discount' label='优惠' value={`-${yuan(r.discount)}`} /> : null}
        <Row id='receipt-principal' label='本金支付' value={yuan(r.principal)} />
        <Row id='receipt-bonus' label='赠送金支付' value={yuan(r.bonus)} />
        {r.wechat ? <Row id='receipt-wechat' label='微信支付' value={yuan(r.wechat.amount)} /> : null}
        {r.free ? <Row id='receipt-free' label='充值免单' value='本单由门店免单' /> : null}
        {r.paidBy === 'family' ? <Row id='receipt-family' label='支付方式' value='家庭共享余额' /> : null}
        {r.pointsEarned ? <Row id='receipt-points' label='获得积分' value={`+${r.pointsEarned}`} /> : null}
        <Row id='receipt-balance' label='当前余额' value={yuan(r.balance.total)} strong />
        <Row id='receipt-time' label='支付时间' value={formatTime(r.paidAt)} />
        <View className='receipt__row'>
          <Text className='receipt__key'>支付单号</Text>
          <Text id='receipt-id' selectable className='receipt__value receipt__value--ref'>
            {r.paymentId}
          </Text>
        </View>
      </View>
      <Actions />
    </View>
  )
}
