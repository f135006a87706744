import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import Money from '../../../../components/Money'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { useAttention, useReloadOnShow } from '../../../../hooks'
import type { PayIncident } from '../../../../../contracts/api'
import { ops } from '../../../../services'
import { isMemberText } from '../../../../services/errors'
import { formatTime } from '../../../../lib/time'
import { MANUAL_REASON } from '../../components/refund-text'
import './index.scss'

const QUERY_URL = '/packages/staff/pages/query/index'
/** 会员详情, where a refund is approved or rejected and a payout's ids are shown */
const memberUrl = (openid: string) => `/packages/staff/pages/member/index?openid=${encodeURIComponent(openid)}`

/** WeChat's refusal in Chinese: its errcode, never the raw English line. */
function uploadFailure(lastError: string | null | undefined): string {
  if (!lastError) return ''
  if (isMemberText(lastError)) return lastError
  const code = /\d{3,}/.exec(lastError)?.[0]
  return code ? `微信返回错误码${code}` : '微信拒绝了这次上传'
}

/** What each kind of incident means and what the person should do, in Chinese. */
const INCIDENT: Record<PayIncident['kind'], { title: string; advice: string }> = {
  unprocessable_notification: {
    title: '无法读取的支付通知',
    advice: '微信支付发来的通知内容无法读取，未入账。请在微信支付商户平台核对这笔交易。'
  },
  unknown_order: {
    title: '找不到订单的付款',
    advice: '微信支付已收款，但系统中没有这个订单，未入账。请在微信支付商户平台找到这笔交易并退款。'
  },
  refund_notification: {
    title: '退款结果通知',
    advice: '微信支付通知了一笔退款的结果（成功、关闭或异常），系统尚未自动处理，会员余额未变动。请在微信支付商户平台核对这笔退款并手工处理。'
  }
}

/** The desk's other pages; shown whatever state the list below is in. */
function DeskLinks() {
  return (
    <View className='staff__links'>
      <Button id='open-member-query' className='staff__query' type='primary' block onClick={() => void Taro.navigateTo({ url: QUERY_URL })}>
        储值查询（按手机号或会员码）
      </Button>
      <Button id='open-funds' className='staff__link' block onClick={() => void Taro.navigateTo({ url: '/packages/staff/pages/funds/index' })}>
        储值资金与微信支付对账
      </Button>
      <Button id='to-store-code' className='staff__link' block onClick={() => void Taro.navigateTo({ url: '/packages/staff/pages/store-code/index' })}>
        门店收款码
      </Button>
    </View>
  )
}

/**
 * 店员工作台 (first part): what needs a person. Shipping uploads WeChat keeps refusing hold back
 * the merchant's settlement; orders under review were paid but credited nothing; payment
 * notifications we could not process were answered (so WeChat Pay stopped sending them) and
 * credited nothing: someone must look them up in the merchant platform.
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
        <DeskLinks />
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
      <DeskLinks />
      <Text className='section-title'>待审批退款</Text>
      <View id='pending-refunds'>
        {(a.refunds ?? []).map((r) => (
          <View key={r.refundId} className='staff__item pending-refund' onClick={() => void Taro.navigateTo({ url: memberUrl(r.openid) })}>
            <View className='staff__row'>
              <Money fen={r.amount} />
              <Text className='staff__status staff__status--pending'>待审批 ›</Text>
            </View>
            {r.reason ? <Text className='staff__line'>原因：{r.reason}</Text> : null}
            <Text className='muted staff__line'>退款编号 {r.refundId}</Text>
            <Text className='muted staff__line'>申请时间 {formatTime(r.createdAt)}</Text>
          </View>
        ))}
        {(a.refunds ?? []).length === 0 ? <EmptyState id='pending-refunds-empty' text='没有待审批的退款' /> : null}
      </View>

      <Text className='section-title'>待线下转账</Text>
      <View id='due-payouts'>
        {(a.payouts ?? []).map((p) => (
          <View key={p.outRefundNo} className='staff__item due-payout' onClick={() => void Taro.navigateTo({ url: memberUrl(p.openid) })}>
            <View className='staff__row'>
              <Money fen={p.amount} />
              <Text className='staff__status staff__status--failed'>待转账 ›</Text>
            </View>
            <Text className='staff__error'>{`${MANUAL_REASON[p.reason] ?? '微信支付无法原路退回'}，请转账到会员本人同名账户并登记凭证。`}</Text>
            <Text className='muted staff__line'>退款单号 {p.outRefundNo}</Text>
            <Text className='muted staff__line'>{formatTime(p.createdAt)}</Text>
          </View>
        ))}
        {(a.payouts ?? []).length === 0 ? <EmptyState id='due-payouts-empty' text='没有待转账的退款' /> : null}
      </View>

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
            {/* the server's reason is for developers (English); staff get what to do */}
            <Text className='staff__error'>到账前核对未通过（金额、商户、付款人不符，或订单关闭后才付款、超出余额上限），未入账。请在微信支付商户平台核对这笔交易，必要时退款。</Text>
            {o.transactionId ? <Text className='muted staff__line'>微信支付单号 {o.transactionId}</Text> : null}
            <Text className='muted staff__line'>{formatTime(o.at)}</Text>
          </View>
        ))}
        {a.review.length === 0 ? <EmptyState id='review-empty' text='没有待核对的订单' /> : null}
      </View>

      <Text className='section-title'>异常支付通知</Text>
      <View id='pay-incidents'>
        {a.incidents.map((i) => (
          <View key={i.id} className='staff__item pay-incident'>
            <View className='staff__row'>
              <Text className='staff__status staff__status--failed'>{INCIDENT[i.kind].title}</Text>
              <Text className='muted'>{formatTime(i.at)}</Text>
            </View>
            <Text className='staff__no staff__line'>{i.outTradeNo ? `订单号 ${i.outTradeNo}` : '通知中没有订单号'}</Text>
            <Text className='staff__error'>{INCIDENT[i.kind].advice}</Text>
            {i.transactionId ? <Text className='muted staff__line'>微信支付单号 {i.transactionId}</Text> : null}
            <Text className='muted staff__line'>通知编号 {i.eventId}</Text>
          </View>
        ))}
        {a.incidents.length === 0 ? <EmptyState id='incidents-empty' text='没有异常的支付通知' /> : null}
      </View>

      <Text className='section-title'>对账差异</Text>
      <View id='recon-flags'>
        {(a.recon ?? []).map((d) => (
          <View key={d.id} className='staff__item recon-flag'>
            <View className='staff__row'>
              <Text className='staff__status staff__status--failed'>{`${d.day} 对账差异`}</Text>
            </View>
            {d.key ? <Text className='staff__no staff__line'>{`单号 ${d.key}`}</Text> : null}
            <Text className='staff__error'>{d.note}</Text>
          </View>
        ))}
        {(a.recon ?? []).length === 0 ? <EmptyState id='recon-flags-empty' text='没有待处理的对账差异' /> : null}
      </View>
    </View>
  )
}
