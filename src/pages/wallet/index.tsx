import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Empty } from '@nutui/nutui-react-taro'
import BalanceCard from '../../components/BalanceCard'
import HistoryItem from '../../components/HistoryItem'
import TierBadge from '../../components/TierBadge'
import { useBalance, useHistory, useReloadOnShow } from '../../hooks'
import { errorText } from '../../services'
import './index.scss'

/** 钱包: principal / bonus / total and the history of every change, page by page. */
export default function Wallet() {
  const balance = useBalance()
  const history = useHistory()
  // back from an entry: refresh the figures but keep the loaded history pages (and the scroll)
  useReloadOnShow(balance.reload)
  const b = balance.data
  const open = (id: string) => Taro.navigateTo({ url: `/pages/wallet-entry/index?id=${encodeURIComponent(id)}` })

  return (
    <View className='page wallet'>
      <BalanceCard balance={b} extra={<TierBadge tier={b?.tier ?? null} />} />
      {balance.error ? <Text className='error-text'>{errorText(balance.error)}</Text> : null}

      <Text className='section-title'>余额变动</Text>
      <View id='history-list' className='wallet__list'>
        {history.items.map((item) => (
          <HistoryItem key={item.id} item={item} onOpen={open} />
        ))}
        {!history.loading && !history.error && history.items.length === 0 ? (
          <Empty className='wallet__empty' description='还没有余额变动' />
        ) : null}
      </View>
      {history.error ? (
        <Text id='history-error' className='error-text'>
          {errorText(history.error)}
        </Text>
      ) : null}
      {history.hasMore ? (
        <View className='wallet__more'>
          <Button id='history-more' className='history-more' fill='none' loading={history.loading} onClick={() => void history.loadMore()}>
            加载更多
          </Button>
        </View>
      ) : history.items.length > 0 ? (
        <Text className='muted wallet__end'>没有更多了</Text>
      ) : null}
    </View>
  )
}
