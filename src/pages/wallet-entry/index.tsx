import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, Loading } from '@nutui/nutui-react-taro'
import type { HistoryKind } from '../../../contracts/api'
import { useRemote, usePageParams } from '../../hooks'
import { signedYuan } from '../../lib/money'
import { formatTime } from '../../lib/time'
import { errorText, wallet } from '../../services'
import './index.scss'

const KIND_TEXT: Record<HistoryKind, string> = {
  recharge: '充值',
  spend: '消费',
  refund: '退款',
  adjust: '调整'
}

/** 明细详情: every field of one balance change, including references to quote to staff. */
export default function WalletEntry() {
  const { id } = usePageParams()
  const entry = useRemote(() => (id ? wallet.entry(id) : Promise.reject(new Error('missing id'))), [id])
  const e = entry.data

  if (!e) {
    return (
      <View className='page entry'>
        {entry.error ? (
          <Text id='entry-error' className='error-text'>
            {errorText(entry.error)}
          </Text>
        ) : (
          <Loading>加载中</Loading>
        )}
      </View>
    )
  }

  // references can be tapped to copy them, to paste into a chat with the store
  const copy = (value: string) => void Taro.setClipboardData({ data: value })
  const row = (key: string, title: string, value: string, ref = false) => (
    <Cell
      title={title}
      extra={
        <Text
          id={`entry-${key}`}
          selectable={ref}
          className={ref ? `entry__ref entry__ref--${key}` : ''}
          onClick={ref ? () => copy(value) : undefined}
        >
          {value}
        </Text>
      }
    />
  )

  return (
    <View className='page entry'>
      <View className='entry__head'>
        <Text id='entry-title' className='entry__title'>
          {e.title}
        </Text>
        <Text id='entry-amount' className={`entry__amount${e.amount > 0 ? ' entry__amount--plus' : ''}`}>
          {signedYuan(e.amount)}
        </Text>
      </View>
      <Cell.Group>
        {row('kind', '类型', KIND_TEXT[e.kind] ?? e.kind)}
        {row('principal', '本金变动', signedYuan(e.principal))}
        {row('bonus', '赠送金变动', signedYuan(e.bonus))}
        {row('time', '时间', formatTime(e.at))}
        {row('store', '门店', e.storeName ?? '—')}
        {e.refs.outTradeNo ? row('out-trade-no', '商户订单号', e.refs.outTradeNo, true) : null}
        {e.refs.transactionId ? row('transaction-id', '微信支付单号', e.refs.transactionId, true) : null}
        {row('id', '流水号', e.id, true)}
      </Cell.Group>
      <Text className='muted entry__note'>如需核对，请向门店出示以上单号（点按单号可复制）</Text>
    </View>
  )
}
