import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { codeImageSrc, KEEP_LABEL, keepCode } from './keep'
import { useStaffStores, useStoreCode } from './useStoreCode'
import './index.scss'

/**
 * 门店收款码: the code customers scan at the counter to pay a bill from their balance
 * (扫码买单). Staff pick one of their stores, then save the code to the album (mini-program) or
 * print it (H5). The image is the store's mini-program code, made once and kept (ops.storeCode).
 */
export default function StoreCodePage() {
  const stores = useStaffStores()
  const [picked, setPicked] = useState<string | null>(null)
  const list = stores.data?.stores ?? []
  const storeId = picked ?? list[0]?.id ?? null
  const code = useStoreCode(storeId)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ text: string; failed: boolean } | null>(null)

  const keep = async () => {
    if (!code.data) return
    setBusy(true)
    setNote(null)
    try {
      const done = await keepCode(code.data)
      if (done) setNote({ text: done, failed: false })
    } catch (e) {
      setNote({ text: (e as Error).message, failed: true })
    } finally {
      setBusy(false)
    }
  }

  const frame = (body: JSX.Element) => (
    <View className='page store-code'>
      <PageHeader title='门店收款码' />
      {body}
    </View>
  )

  if (!stores.data) {
    return frame(stores.error ? <ErrorState error={stores.error} onRetry={() => void stores.reload()} /> : <LoadingState rows={6} />)
  }
  if (list.length === 0) return frame(<EmptyState id='store-code-empty' text='您还没有负责的门店，请联系总部添加' />)

  return frame(
    <View>
      {list.length > 1 ? (
        <View id='store-picker' className='store-code__picker'>
          {list.map((s) => (
            <Button
              key={s.id}
              className='store-code__store'
              type={s.id === storeId ? 'primary' : 'default'}
              fill={s.id === storeId ? 'solid' : 'outline'}
              onClick={() => {
                setPicked(s.id)
                setNote(null)
              }}
            >
              {s.name}
            </Button>
          ))}
        </View>
      ) : null}

      {code.data && code.data.scene === storeId ? (
        <View>
          <View id='store-code-card' className='store-code__card'>
            <Text id='store-code-store' className='store-code__store-name'>{code.data.storeName}</Text>
            <Image id='store-code-image' className='store-code__image' src={codeImageSrc(code.data)} mode='aspectFit' showMenuByLongpress />
            <Text className='store-code__caption'>扫码买单</Text>
            <Text className='muted store-code__hint'>微信扫一扫，输入金额，用储值余额付款</Text>
          </View>
          <View className='store-code__actions'>
            <Button id='store-code-keep' type='primary' block loading={busy} onClick={() => void keep()}>
              {KEEP_LABEL}
            </Button>
            {note ? (
              <Text id='store-code-note' className={`store-code__note${note.failed ? ' store-code__note--failed' : ''}`}>
                {note.text}
              </Text>
            ) : null}
          </View>
        </View>
      ) : code.error ? (
        <ErrorState error={code.error} onRetry={() => void code.reload()} />
      ) : (
        <LoadingState rows={8} />
      )}
    </View>
  )
}
