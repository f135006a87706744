import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { useFamily, usePageParams } from '../../../../hooks'
import { family } from '../../../../services'
import { errorText } from '../../../../services/errors'
import '../index/index.scss'

const FAMILY_PAGE = '/packages/family/pages/index/index'
const openFamily = () => void Taro.redirectTo({ url: FAMILY_PAGE })

/**
 * 加入家庭: opened from a family member's share card (`?token=`). Shows whether the caller can
 * join (not already in a family), lets them say how the owner should call them, and accepts.
 */
export default function JoinFamily() {
  const { token } = usePageParams()
  const remote = useFamily()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const f = remote.data

  const accept = async () => {
    if (!token) return
    setBusy(true)
    setProblem(null)
    try {
      await family.accept(token, name.trim() || undefined)
      openFamily()
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const body = () => {
    if (!token) return <EmptyState id='join-invalid' text='邀请链接无效，请让家人重新分享' />
    if (!f) return remote.error ? <ErrorState error={remote.error} onRetry={() => void remote.reload()} /> : <LoadingState rows={3} />
    if (f.role === 'member') {
      return <EmptyState id='join-already' text={`你已加入「${f.ownerName}」的家庭，如需加入其他家庭请先退出`} action={{ text: '查看我的家庭', onClick: openFamily }} />
    }
    if (f.role === 'owner' && f.members.length > 0) {
      return <EmptyState id='join-owner' text='你已邀请了家人共享你的余额，不能再加入其他家庭' action={{ text: '查看我的家庭', onClick: openFamily }} />
    }
    return (
      <View className='family__card' id='join-card'>
        <Text className='family__title'>家人邀请你共享储值余额</Text>
        <Text className='muted family__line'>加入后，在门店买单时可选择「家庭余额」付款，由邀请人的余额支付，邀请人可以看到你的每笔付款并设置每月限额。</Text>
        <View className='family__row family__limit-row'>
          <Text>你的称呼</Text>
          <Input id='join-name' className='family__limit-input' maxLength={12} value={name} placeholder='选填，例如 小明' onChange={(v: string) => setName(v)} />
        </View>
        {problem ? (
          <Text id='join-problem' className='family__error'>
            {problem}
          </Text>
        ) : null}
        <Button id='join-accept' type='primary' block loading={busy} onClick={() => void accept()}>
          加入家庭
        </Button>
      </View>
    )
  }

  return (
    <View className='page family'>
      <PageHeader title='加入家庭' back />
      {body()}
    </View>
  )
}
