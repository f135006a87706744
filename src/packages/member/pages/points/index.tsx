import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { PointsPage } from '../../../../../contracts/wallet'

type PointsItem = PointsPage['items'][number]
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { formatDate, formatTime } from '../../../../lib/time'
import { errorText, wallet } from '../../../../services'
import './index.scss'

interface Points {
  head: Omit<PointsPage, 'items' | 'nextCursor'> | null
  items: PointsItem[]
  nextCursor: string | null
  loading: boolean
  error: unknown
  loadMore: () => void
  reload: () => void
}

/** wallet.points page by page; a second load-more while one runs is ignored */
function usePoints(): Points {
  const [head, setHead] = useState<Points['head']>(null)
  const [items, setItems] = useState<PointsItem[]>([])
  const [nextCursor, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)
  const busy = useRef(false)

  const load = useCallback(async (cursor: string | null) => {
    if (busy.current) return
    busy.current = true
    setLoading(true)
    try {
      const page = await wallet.points(cursor ?? undefined)
      setHead({ balance: page.balance, multiplier: page.multiplier })
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items))
      setNext(page.nextCursor)
      setError(null)
    } catch (e) {
      setError(e)
    } finally {
      busy.current = false
      setLoading(false)
    }
  }, [])

  useEffect(() => void load(null), [load])
  return { head, items, nextCursor, loading, error, loadMore: () => void load(nextCursor), reload: () => void load(null) }
}

/** 我的积分: the points balance, an active multiplier, and every change with its reason. */
export default function PointsPageView() {
  const p = usePoints()

  if (!p.head) {
    return (
      <View className='page points'>
        <PageHeader title='我的积分' />
        {p.error ? <ErrorState error={p.error} onRetry={p.reload} /> : <LoadingState rows={6} />}
      </View>
    )
  }

  return (
    <View className='page points'>
      <PageHeader title='我的积分' />
      <View className='points__card'>
        <Text className='points__label'>当前积分</Text>
        <Text id='points-balance' className='points__balance'>
          {p.head.balance}
        </Text>
        {p.head.multiplier ? (
          <Text id='points-multiplier' className='points__boost'>
            消费积分{p.head.multiplier.times}倍{p.head.multiplier.until ? `，${formatDate(p.head.multiplier.until)}前有效` : ''}
          </Text>
        ) : null}
      </View>

      <Text className='section-title'>积分明细</Text>
      {p.items.length === 0 ? (
        <EmptyState id='points-empty' text='还没有积分记录，到店用余额消费即可获得积分' />
      ) : (
        <View id='points-list' className='points__list'>
          {p.items.map((i) => (
            <View key={i.id} id={`points-${i.id}`} className='points-item'>
              <View className='points-item__main'>
                <Text className='points-item__reason'>{i.reason}</Text>
                <Text className='points-item__time'>{formatTime(i.createdAt)}</Text>
              </View>
              <Text className={`points-item__delta points-item__delta--${i.delta >= 0 ? 'plus' : 'minus'}`}>
                {i.delta > 0 ? `+${i.delta}` : i.delta}
              </Text>
            </View>
          ))}
        </View>
      )}
      {p.items.length > 0 && p.error ? (
        <Text id='points-error' className='notice-text'>
          {errorText(p.error)}
        </Text>
      ) : null}
      {p.nextCursor ? (
        <View className='points__more'>
          <Button id='points-more' fill='none' loading={p.loading} onClick={p.loadMore}>
            {p.error ? '重新加载' : '加载更多'}
          </Button>
        </View>
      ) : p.items.length > 0 ? (
        <Text className='muted points__end'>没有更多了</Text>
      ) : null}
    </View>
  )
}
