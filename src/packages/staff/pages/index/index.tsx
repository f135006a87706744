import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Money from '../../../../components/Money'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { useAttention, useReloadOnShow } from '../../../../hooks'
import { ops } from '../../../../services'
import { isMemberText } from '../../../../services/errors'
import { formatTime } from '../../../../lib/time'
import './index.scss'

/** WeChat's refusal in Chinese: its errcode, never the raw English line. */
function uploadFailure(lastError: string | null | undefined): string {
  if (!lastError) return ''
  if (isMemberText(lastError)) return lastError
  const code = /\d{3,}/.exec(lastError)?.[0]
  return code ? `微信返回错误码${code}` : '微信拒绝了这次上传'
}

/**
 * 店员工作台 (first part): what needs a person. Shipping uploads WeChat keeps refusing hold back
 * the merchant's settlement; orders under review were paid but credited nothing.
 */
export default function StaffDesk() {
  const attention = useAttention()
  useReloadOnShow(attention.reload)
  const [busy, setBusy] = useState<string | null>(null)
  const a = attention.data

  const retry = async (id: string) => {
    setBusy(id)
    try {
      await ops.retryShipping(id)
    } finally {
      setBusy(null)
      await attention.reload()
    }
  }

  if (!a) {
    return (
      <View className='page staff'>
        <PageHeader title='店员工作台' />
        {attention.error ? (
          <View id='staff-error'>
            <ErrorState error={attention.error} onRetry={() => void attention.reload()} />
          </View>
        ) : (
          <LoadingState rows={6} />
        )}
      </View>
    )
  }

  return (
    <View className='page staff'>
      <PageHeader title='店员工作台' />
      <Text className='section-title'>发货信息上传</Text>
      <View id='shipping-issues'>
        {a.shipping.map((t) => (
          <View key={t.id} className='staff__item shipping-issue'>
            <View className='staff__row'>
              <Text className='staff__no'>{t.outTradeNo}</Text>
              <Text className={`staff__status staff__status--${t.status}`}>{t.status === 'failed' ? '已停止重试' : `重试中（第${t.attempts}次失败）`}</Text>
            </View>
            <Text className='muted staff__error'>{uploadFailure(t.lastError)}</Text>
            <Button size='small' loading={busy === t.id} onClick={() => void retry(t.id)}>
              立即重试
            </Button>
          </View>
        ))}
        {a.shipping.length === 0 ? <EmptyState id='shipping-empty' text='没有待处理的上传' /> : null}
      </View>

      <Text className='section-title'>待核对订单</Text>
      <View id='review-orders'>
        {a.review.map((o) => (
          <View key={o.outTradeNo} className='staff__item review-order'>
            <View className='staff__row'>
              <Text className='staff__no'>{o.outTradeNo}</Text>
              <Money fen={o.pay} />
            </View>
            <Text className='muted'>{o.reason}</Text>
            <Text className='muted'>{formatTime(o.at)}</Text>
          </View>
        ))}
        {a.review.length === 0 ? <EmptyState id='review-empty' text='没有待核对的订单' /> : null}
      </View>
    </View>
  )
}
