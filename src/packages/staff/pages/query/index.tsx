import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { StaffMemberCard } from '../../../../../contracts/ops'
import Money from '../../../../components/Money'
import PageHeader from '../../../../components/PageHeader'
import { ErrorState, LoadingState } from '../../../../components/PageState'
import { ops } from '../../../../services'
import { formatTime } from '../../../../lib/time'
import { yuan } from '../../../../lib/money'
import './index.scss'

/** What the server accepts (contracts/ops.ts memberQuery): checked here too so a typo gets an answer at once. */
const QUERY = /^(1\d{10}|\d{8})$/

export const memberUrl = (openid: string) => `/packages/staff/pages/member/index?openid=${encodeURIComponent(openid)}`

type Search = { state: 'idle' } | { state: 'loading' } | { state: 'found'; member: StaffMemberCard } | { state: 'failed'; error: unknown }

/**
 * 储值查询-交易查询: staff type a member's phone or member code and open what the member has.
 * A cashier finds members of their own stores only (docs/staff.md).
 */
export default function MemberQuery() {
  const [text, setText] = useState('')
  const [hint, setHint] = useState<string | null>(null)
  const [search, setSearch] = useState<Search>({ state: 'idle' })

  const find = async () => {
    const query = text.trim()
    if (!QUERY.test(query)) {
      setHint('请输入11位手机号或8位会员码')
      return
    }
    setHint(null)
    setSearch({ state: 'loading' })
    try {
      const { member } = await ops.memberFind(query)
      setSearch({ state: 'found', member })
    } catch (error) {
      setSearch({ state: 'failed', error })
    }
  }

  return (
    <View className='page staff-query'>
      <PageHeader title='储值查询' />
      <View className='staff-query__box'>
        <Input
          id='member-query'
          className='staff-query__input'
          type='number'
          maxLength={11}
          value={text}
          placeholder='会员手机号或8位会员码'
          onChange={(v: string) => setText(v)}
          onConfirm={() => void find()}
        />
        <Button id='member-query-submit' className='staff-query__button' type='primary' loading={search.state === 'loading'} onClick={() => void find()}>
          查询
        </Button>
      </View>
      {hint ? (
        <Text id='member-query-hint' className='error-text staff-query__hint'>
          {hint}
        </Text>
      ) : null}

      {search.state === 'idle' ? <Text className='muted staff-query__hint'>可按手机号或会员码查询会员的余额、充值、消费和退款记录</Text> : null}
      {search.state === 'loading' ? <LoadingState rows={2} /> : null}
      {search.state === 'failed' ? (
        <View id='member-query-error'>
          <ErrorState error={search.error} onRetry={() => void find()} />
        </View>
      ) : null}
      {search.state === 'found' ? (
        <View id='member-result' className='staff__item staff-query__result' onClick={() => void Taro.navigateTo({ url: memberUrl(search.member.openid) })}>
          <View className='staff__row'>
            <Text className='staff-query__name'>{search.member.memberCode ? `会员码 ${search.member.memberCode}` : '会员'}</Text>
            <Text className='muted'>{search.member.phone ?? '未绑定手机号'}</Text>
          </View>
          <View className='staff__row staff-query__balance'>
            <Text>储值余额</Text>
            <Money fen={search.member.total} />
          </View>
          <Text className='muted staff__line'>
            本金 {yuan(search.member.principal)} · 赠送 {yuan(search.member.bonus)}
            {search.member.memberSince ? ` · ${formatTime(search.member.memberSince).slice(0, 10)} 入会` : ' · 尚未充值'}
          </Text>
          <Button id='member-open' className='staff-query__open' size='small'>
            查看详情
          </Button>
        </View>
      ) : null}
    </View>
  )
}
