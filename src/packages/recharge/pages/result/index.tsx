import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { Checked, Clock, Tips } from '@nutui/icons-react-taro'
import type { OrderState } from '../../../../../contracts/api'
import PageHeader from '../../../../components/PageHeader'
import { ErrorState, LoadingState } from '../../../../components/PageState'
import { usePageParams } from '../../../../hooks/usePageParams'
import { useOrderStatus } from '../../hooks/useOrderStatus'
import { yuan } from '../../../../lib/money'
import { ApiError } from '../../../../services'
import './index.scss'

const STATE_TEXT: Record<OrderState, string> = {
  pending: '等待到账',
  credited: '充值成功',
  closed: '订单已关闭',
  review: '待门店核对'
}

const STATE_HINT: Record<OrderState, string> = {
  pending: '支付结果确认中，请稍候',
  credited: '金额已存入您的储值余额',
  closed: '订单已关闭，未扣款或款项将原路退回',
  review: '支付已收到，门店将人工核对后入账'
}

function StateIcon({ state, waiting }: { state: OrderState; waiting: boolean }) {
  if (state === 'credited') return <Checked className='result__icon result__icon--credited' size={56} />
  if (state === 'pending') return waiting ? <Loading className='result__spinner' /> : <Clock className='result__icon' size={56} />
  return <Tips className={`result__icon result__icon--${state}`} size={56} />
}

/** 充值结果: waits for the server to confirm the credit; shows only what it confirmed. */
export default function RechargeResult() {
  const { outTradeNo } = usePageParams()
  const [round, setRound] = useState(0)
  const { status, error, gaveUp } = useOrderStatus(outTradeNo, { round })
  const state: OrderState = status?.state ?? 'pending'

  if (!outTradeNo || (error && !status)) {
    // no answer yet: the catalogue's text and a retry (polling goes on meanwhile)
    return (
      <View className='page result'>
        <PageHeader title='充值结果' />
        <ErrorState error={outTradeNo ? error : new ApiError('ORDER_NOT_FOUND', '')} onRetry={() => setRound((r) => r + 1)} />
      </View>
    )
  }

  if (!status) {
    return (
      <View className='page result'>
        <PageHeader title='充值结果' />
        <LoadingState rows={5} />
      </View>
    )
  }

  return (
    <View className='page result'>
      <PageHeader title='充值结果' />
      <View className={`result__panel result__panel--${state}`}>
        <StateIcon state={state} waiting={!gaveUp} />
        <Text id='result-state' className='result__state'>
          {STATE_TEXT[state]}
        </Text>
        <Text className='muted result__hint'>
          {gaveUp && state === 'pending' ? '到账可能稍有延迟，请稍后在余额明细中查看' : STATE_HINT[state]}
        </Text>
      </View>

      {status ? (
        <View className='result__rows'>
          <View className='result__row'>
            <Text className='result__key'>支付金额</Text>
            <Text id='result-pay' className='result__value'>
              {yuan(status.pay)}
            </Text>
          </View>
          <View className='result__row'>
            <Text className='result__key'>赠送金额</Text>
            <Text id='result-bonus' className='result__value'>
              {yuan(status.bonus)}
            </Text>
          </View>
          {state === 'credited' && status.balance ? (
            <View className='result__row'>
              <Text className='result__key'>当前余额</Text>
              <Text id='result-balance' className='result__value result__value--strong'>
                {yuan(status.balance.total)}
              </Text>
            </View>
          ) : null}
          <View className='result__row'>
            <Text className='result__key'>订单号</Text>
            <Text selectable className='result__value result__value--ref'>
              {status.outTradeNo}
            </Text>
          </View>
        </View>
      ) : null}

      <View className='actions'>
        <Button id='go-wallet' className='go-wallet' type='primary' onClick={() => Taro.redirectTo({ url: '/pages/wallet/index' })}>
          查看余额明细
        </Button>
        <Button id='go-home' className='go-home' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
          返回首页
        </Button>
      </View>
    </View>
  )
}
