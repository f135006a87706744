import { useEffect, useState } from 'react'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { FamilyInvite, FamilyMemberView, FamilyView } from '../../../../../contracts/family'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { useFamily, useReloadOnShow } from '../../../../hooks'
import { family } from '../../../../services'
import { errorText } from '../../../../services/errors'
import { yuan } from '../../../../lib/money'
import { formatTime } from '../../../../lib/time'
import MemberCard from '../../components/MemberCard'
import LimitSheet from '../../components/LimitSheet'
import ShareInvite from '../../components/ShareInvite'
import './index.scss'

/**
 * 家庭共享. The owner invites family through a WeChat share card, sets each member a monthly
 * limit, sees what they paid and removes them; a member sees whose balance they use and what is
 * left this month, and can leave. Everything shown is what the server answered.
 */
export default function FamilyPage() {
  const remote = useFamily()
  useReloadOnShow(remote.reload)
  const [view, setView] = useState<FamilyView | null>(null)
  const [invite, setInvite] = useState<FamilyInvite | null>(null)
  const [editing, setEditing] = useState<FamilyMemberView | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  // a fresh load (on show) replaces what the last change answered
  useEffect(() => setView(null), [remote.data])
  const f = view ?? remote.data

  useShareAppMessage(() =>
    invite ? { title: '邀请你共享我的储值余额，买单时选择「家庭余额」即可', path: invite.path } : { title: '储值', path: '/pages/index/index' }
  )

  /** runs a change; the answer is the new family, shown at once */
  const change = async (run: () => Promise<FamilyView>, after?: () => void) => {
    setBusy(true)
    setProblem(null)
    try {
      setView(await run())
      after?.()
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const makeInvite = async () => {
    setBusy(true)
    setProblem(null)
    try {
      setInvite(await family.invite())
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const confirmRemove = async (m: FamilyMemberView) => {
    const { confirm } = await Taro.showModal({ title: '移除家人', content: `移除后，${m.name}将不能再用你的余额付款。已付款记录会保留。`, confirmText: '移除' })
    if (confirm) await change(() => family.remove(m.memberId))
  }

  const confirmLeave = async () => {
    const { confirm } = await Taro.showModal({ title: '退出家庭', content: '退出后，买单时将不能再使用家人的余额。', confirmText: '退出' })
    if (confirm) await change(() => family.leave())
  }

  if (!f) {
    return (
      <View className='page family'>
        <PageHeader title='家庭共享' back />
        {remote.error ? <ErrorState error={remote.error} onRetry={() => void remote.reload()} /> : <LoadingState rows={5} />}
      </View>
    )
  }

  const invitePanel = (
    <View className='family__card' id='invite-panel'>
      {invite ? (
        <>
          <Text className='family__title'>邀请已生成</Text>
          <Text className='muted family__line'>发送给一位家人，对方打开后即可加入。链接只能使用一次，{formatTime(invite.expiresAt)}前有效。</Text>
          <ShareInvite path={invite.path} />
        </>
      ) : (
        <Button id='invite-create' type='primary' block loading={busy} onClick={() => void makeInvite()}>
          邀请家人
        </Button>
      )}
    </View>
  )
  const problemLine = problem ? (
    <Text id='family-problem' className='family__error'>
      {problem}
    </Text>
  ) : null

  if (f.role === 'member') {
    return (
      <View className='page family'>
        <PageHeader title='家庭共享' back />
        <View className='family__card' id='member-view'>
          <Text className='family__title'>你正在使用「{f.ownerName}」的家庭余额</Text>
          <Text className='muted family__line'>在门店买单时选择「家庭余额」付款。</Text>
          <View className='family__row family__figures'>
            <Text id='member-limit'>{f.limit === null ? '每月不限额' : `每月限额 ${yuan(f.limit)}`}</Text>
            <Text id='member-spent'>本月已用 {yuan(f.spentThisMonth)}</Text>
          </View>
          <View className='family__row'>
            <Text>本月还可用</Text>
            <Text id='member-left' className='family__left'>
              {yuan(f.left)}
            </Text>
          </View>
        </View>
        {problemLine}
        <Button id='family-leave' block disabled={busy} onClick={() => void confirmLeave()}>
          退出家庭
        </Button>
      </View>
    )
  }

  if (f.role === 'none') {
    return (
      <View className='page family'>
        <PageHeader title='家庭共享' back />
        <EmptyState id='family-empty' text={`还没有家人共享你的余额。最多可邀请${f.maxMembers}位家人，买单时用你的余额付款。`} />
        {problemLine}
        {invitePanel}
      </View>
    )
  }

  const full = f.members.length >= f.maxMembers
  return (
    <View className='page family'>
      <PageHeader title='家庭共享' back />
      <Text className='section-title' id='family-count'>
        我的家人（{f.members.length}/{f.maxMembers}）
      </Text>
      {f.members.length === 0 ? <EmptyState id='family-empty' text='家人都已退出，可以重新邀请' /> : null}
      <View id='family-members'>
        {f.members.map((m) => (
          <MemberCard key={m.memberId} member={m} busy={busy} onLimit={() => setEditing(m)} onRemove={() => void confirmRemove(m)} />
        ))}
      </View>
      {problemLine}
      {full ? <Text className='muted family__line'>家庭成员已满，移除一位后可再邀请</Text> : invitePanel}
      <LimitSheet
        member={editing}
        busy={busy}
        error={editing ? problem : null}
        onClose={() => setEditing(null)}
        onSave={(limit) => editing && void change(() => family.setLimit(editing.memberId, limit), () => setEditing(null))}
      />
    </View>
  )
}
