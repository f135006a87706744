import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import BalanceCard from '../../components/BalanceCard'
import HistoryItem from '../../components/HistoryItem'
import PageHeader from '../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState'
import TierBadge from '../../components/TierBadge'
import { useBalance, useHistory, useReloadOnShow } from '../../hooks'
import { errorText } from '../../services'
import './index.scss'

const toRecharge = () => void Taro.navigateTo({ url: '/pages/recharge/index' })
const toRefund = () => void Taro.navigateTo({ url: '/packages/refund/pages/index/index' })

/** 余额明细: principal / bonus / total and the history of every change, page by page. */
export default function Wallet() {
  const balance = useBalance()
  const history = useHistory()
  // back from an entry: refresh the figures but keep the loaded history pages (and the scroll)
  useReloadOnShow(balance.reload)
  const b = balance.data
  const open = (id: string) => Taro.navigateTo({ url: `/pages/wallet-entry/index?id=${encodeURIComponent(id)}` })
  const firstPage = history.items.length === 0

  if (!b) {
    return (
      <View className='page wallet'>
        <PageHeader title='余额明细' />
        {balance.error ? <ErrorState error={balance.error} onRetry={() => void balance.reload()} /> : <LoadingState rows={6} />}
      </View>
    )
  }

  return (
    <View className='page wallet'>
      <PageHeader title='余额明细' />
      <BalanceCard balance={b} extra={<TierBadge tier={b.tier} />} />
      <View className='actions'>
        <Button id='wallet-recharge' type='primary' size='large' onClick={toRecharge}>
          充值
        </Button>
        {b.isMember ? (
          <Button id='wallet-refund' fill='outline' size='large' onClick={toRefund}>
            申请退款
          </Button>
        ) : null}
      </View>

      <Text className='section-title'>余额变动</Text>
      {firstPage && history.loading ? <LoadingState rows={4} /> : null}
      {firstPage && history.error ? <ErrorState error={history.error} onRetry={() => void history.reload()} /> : null}
      {firstPage && !history.loading && !history.error ? (
        <EmptyState id='history-empty' text='还没有余额变动，充值后在这里查看' />
      ) : null}
      {!firstPage ? (
        <View id='history-list' className='wallet__list'>
          {history.items.map((item) => (
            <HistoryItem key={item.id} item={item} onOpen={open} />
          ))}
        </View>
      ) : null}
      {!firstPage && history.error ? (
        <Text id='history-error' className='notice-text'>
          {errorText(history.error)}
        </Text>
      ) : null}
      {history.hasMore ? (
        <View className='wallet__more'>
          <Button id='history-more' className='history-more' fill='none' loading={history.loading} onClick={() => void history.loadMore()}>
            {history.error ? '重新加载' : '加载更多'}
          </Button>
        </View>
      ) : !firstPage ? (
        <Text className='muted wallet__end'>没有更多了</Text>
      ) : null}
    </View>
  )
}
