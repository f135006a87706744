import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { RefundQuoteView, RefundView } from '../../../../../contracts/refund'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { useRemote } from '../../../../hooks'
import { yuan } from '../../../../lib/money'
import { formatTime } from '../../../../lib/time'
import { errorText, refund } from '../../../../services'
import './index.scss'

const STATE_TEXT: Record<RefundView['state'], string> = {
  pending_approval: '待门店审核',
  processing: '退款中',
  succeeded: '已退款',
  abnormal: '退款异常',
  rejected: '未通过',
  closed: '已关闭'
}

const newRequestId = () => `rq-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

/** The rule, in words a member understands, for what the quote says (docs/refunds.md). */
function ruleText(q: RefundQuoteView): string {
  const window = q.coolingOffDays > 0 ? `充值后 ${q.coolingOffDays} 天内申请，未消费的本金全额退回` : '本店不设无理由退款期'
  const after = '超过该期限，按实付与赠送的比例计算已消费的本金，剩余本金退回'
  return `${window}；${after}。赠送金额不退现金，随退款一并收回。退款原路退回支付时使用的微信支付账户，超过一年的支付改为转账到本人同名账户。`
}

function RefundStatus({ r, onRefresh, refreshing }: { r: RefundView; onRefresh: () => void; refreshing: boolean }) {
  return (
    <View id='refund-status' className='refund__card'>
      <Text className='refund__label'>退款金额</Text>
      <Text id='refund-amount' className='refund__amount'>
        {yuan(r.amount)}
      </Text>
      <Text id='refund-state' className={`refund__state refund__state--${r.state}`}>
        {STATE_TEXT[r.state]}
      </Text>
      <Text id='refund-guidance' className='refund__text'>
        {r.guidance}
      </Text>
      <Text className='muted refund__time'>申请时间 {formatTime(r.createdAt)}</Text>
      {r.state === 'processing' || r.state === 'pending_approval' ? (
        <Button id='refund-refresh' className='refund__button' fill='outline' loading={refreshing} onClick={onRefresh}>
          刷新进度
        </Button>
      ) : null}
    </View>
  )
}

/**
 * 申请退款: what the balance would pay back now and why (quote), a confirmation with the rule
 * explained, then the refund's progress with what happens next. The figures are the server's
 * only: the page never computes money.
 */
export default function RefundPage() {
  const list = useRemote(() => refund.list(), [])
  const quote = useRemote(() => refund.quote(), [])
  const [current, setCurrent] = useState<RefundView | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<unknown>(null)
  const requestId = useRef(newRequestId())

  const inFlight = current ?? list.data?.refunds.find((r) => r.state === 'processing' || r.state === 'pending_approval') ?? null
  const past = (list.data?.refunds ?? []).filter((r) => r.refundId !== inFlight?.refundId)

  const submit = async () => {
    setBusy(true)
    setFailure(null)
    try {
      setCurrent(await refund.request(requestId.current))
      requestId.current = newRequestId()
      void quote.reload()
    } catch (e) {
      setFailure(e) // the same requestId on a retry: never a second refund
    } finally {
      setBusy(false)
    }
  }
  const refresh = async () => {
    if (!inFlight) return
    setBusy(true)
    try {
      setCurrent(await refund.status(inFlight.refundId))
    } catch (e) {
      setFailure(e)
    } finally {
      setBusy(false)
    }
  }

  const loading = (!list.data && !list.error) || (!quote.data && !quote.error)
  const error = list.error ?? quote.error
  if (loading || error) {
    return (
      <View className='page refund'>
        <PageHeader title='申请退款' />
        {error ? <ErrorState error={error} onRetry={() => void Promise.all([list.reload(), quote.reload()])} /> : <LoadingState rows={5} />}
      </View>
    )
  }
  const q = quote.data as RefundQuoteView

  return (
    <View className='page refund'>
      <PageHeader title='申请退款' />
      {inFlight ? <RefundStatus r={inFlight} onRefresh={() => void refresh()} refreshing={busy} /> : null}
      {!inFlight && q.refundable > 0 ? (
        <View id='refund-quote' className='refund__card'>
          <Text className='refund__label'>可退金额</Text>
          <Text id='quote-refundable' className='refund__amount'>
            {yuan(q.refundable)}
          </Text>
          {q.bonusForfeited > 0 ? (
            <Text id='quote-forfeited' className='refund__text'>
              赠送金额等 {yuan(q.bonusForfeited)} 不退现金，随退款一并收回
            </Text>
          ) : null}
          <Text className='refund__text'>{q.approval === 'auto' ? '提交后立即原路退回。' : '提交后由门店审核，通过后原路退回。'}</Text>
          <Text id='quote-rule' className='muted refund__rule'>
            {ruleText(q)}
          </Text>
          {failure ? (
            <Text id='refund-failure' className='notice-text'>
              {errorText(failure)}
            </Text>
          ) : null}
          <Button id='refund-confirm' className='refund__button' type='primary' size='large' loading={busy} onClick={() => void submit()}>
            确认退款 {yuan(q.refundable)}
          </Button>
        </View>
      ) : null}
      {!inFlight && q.refundable === 0 ? <EmptyState id='refund-empty' text='当前没有可退的储值本金（赠送金额和已消费部分不退）' /> : null}
      {past.length ? (
        <View id='refund-history'>
          <Text className='section-title'>退款记录</Text>
          {past.map((r) => (
            <View key={r.refundId} className='refund__row'>
              <Text>{yuan(r.amount)}</Text>
              <Text className='muted'>
                {STATE_TEXT[r.state]} · {formatTime(r.createdAt)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
