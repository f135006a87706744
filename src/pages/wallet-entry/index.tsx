import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import type { HistoryKind } from '../../../contracts/api'
import PageHeader from '../../components/PageHeader'
import { ErrorState, LoadingState } from '../../components/PageState'
import { useRemote, usePageParams } from '../../hooks'
import { signedYuan } from '../../lib/money'
import { formatTime } from '../../lib/time'
import { ApiError, wallet } from '../../services'
import './index.scss'

const KIND_TEXT: Record<HistoryKind, string> = {
  recharge: '充值',
  spend: '消费',
  refund_hold: '退款申请',
  refund: '退款',
  adjust: '调整'
}

/**
 * 明细详情: every field of one balance change a member can use. The ledger's own id stays
 * internal; the references a store can look up (order and WeChat Pay numbers) are shown whole,
 * on their own line, and copy on tap.
 */
export default function WalletEntry() {
  const { id } = usePageParams()
  const entry = useRemote(() => (id ? wallet.entry(id) : Promise.reject(new ApiError('NOT_FOUND', ''))), [id])
  const e = entry.data

  if (!e) {
    return (
      <View className='page entry'>
        <PageHeader title='明细详情' />
        {entry.error ? <ErrorState error={entry.error} onRetry={() => void entry.reload()} /> : <LoadingState rows={6} />}
      </View>
    )
  }

  const copy = (value: string) => void Taro.setClipboardData({ data: value })
  const row = (key: string, title: string, value: string) => <Cell title={title} extra={<Text id={`entry-${key}`}>{value}</Text>} />
  const ref = (key: string, title: string, value: string) => (
    <View className='entry__ref-row' onClick={() => copy(value)}>
      <Text className='entry__ref-title'>{title}</Text>
      <Text id={`entry-${key}`} selectable className={`entry__ref entry__ref--${key}`}>
        {value}
      </Text>
    </View>
  )

  return (
    <View className='page entry'>
      <PageHeader title='明细详情' />
      <View className='entry__head'>
        <Text id='entry-title' className='entry__title'>
          {e.title}
        </Text>
        <Text id='entry-amount' className={`entry__amount${e.amount > 0 ? ' entry__amount--plus' : ''}`}>
          {signedYuan(e.amount)}
        </Text>
      </View>
      <Cell.Group>
        {row('kind', '类型', KIND_TEXT[e.kind] ?? '其他')}
        {row('principal', '本金变动', signedYuan(e.principal))}
        {row('bonus', '赠送金变动', signedYuan(e.bonus))}
        {row('time', '时间', formatTime(e.at))}
        {row('store', '门店', e.storeName ?? '线上')}
      </Cell.Group>
      {e.refs.outTradeNo || e.refs.transactionId ? (
        <View className='entry__refs'>
          {e.refs.outTradeNo ? ref('out-trade-no', '商户订单号', e.refs.outTradeNo) : null}
          {e.refs.transactionId ? ref('transaction-id', '微信支付单号', e.refs.transactionId) : null}
          <Text className='muted entry__note'>如需核对，请向门店出示以上单号（点按可复制）</Text>
        </View>
      ) : null}
    </View>
  )
}
