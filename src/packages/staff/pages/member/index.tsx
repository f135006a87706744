import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import Money from '../../../../components/Money'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { useMemberDetail, usePageParams, useReloadOnShow } from '../../../../hooks'
import { errorText, ops } from '../../../../services'
import { yuan } from '../../../../lib/money'
import LotItem from '../../components/LotItem'
import PostingItem from '../../components/PostingItem'
import RefundCard from '../../components/RefundCard'
import { REFUND_STATE } from '../../components/refund-text'
import './index.scss'

type Notice = { tone: 'error' | 'info'; text: string } | null
type Busy = { refundId: string; action: 'approve' | 'reject' } | 'start' | null

/** One id per refund the staff member starts: a retry after a lost answer sends the same and starts it once. */
const newRequestId = () => `staff-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

/**
 * 会员详情 (储值查询): balance, recharge lots, postings with their WeChat Pay ids and refunds; staff
 * start a refund for the member, approve one waiting for approval, or reject it with a reason.
 * The amounts are the server's; the page only shows them.
 */
export default function MemberDetail() {
  const { openid } = usePageParams()
  const detail = useMemberDetail(openid)
  useReloadOnShow(detail.reload)
  const [busy, setBusy] = useState<Busy>(null)
  const [notice, setNotice] = useState<Notice>(null)
  const [starting, setStarting] = useState(false)
  const [reason, setReason] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)

  const act = async (what: Exclude<Busy, null>, run: () => Promise<{ amount: Parameters<typeof yuan>[0]; state: keyof typeof REFUND_STATE }>, done: string) => {
    setBusy(what)
    setNotice(null)
    try {
      const r = await run()
      const amount = typeof r?.amount === 'number' ? `：${yuan(r.amount)}` : ''
      const state = r?.state && REFUND_STATE[r.state] ? `，${REFUND_STATE[r.state]}` : ''
      setNotice({ tone: 'info', text: `${done}${amount}${state}` })
      return true
    } catch (e) {
      setNotice({ tone: 'error', text: errorText(e) })
      return false
    } finally {
      setBusy(null)
      await detail.reload()
    }
  }

  const start = async () => {
    if (!openid || reason.trim() === '') return
    const ok = await act('start', () => ops.refundStart(openid, requestId, reason.trim()), '已发起退款')
    if (ok) {
      setStarting(false)
      setReason('')
      setRequestId(newRequestId())
    }
  }

  const d = detail.data
  if (!d) {
    return (
      <View className='page staff staff-member'>
        <PageHeader title='会员详情' />
        {detail.error ? (
          <View id='member-error'>
            <ErrorState error={detail.error} onRetry={() => void detail.reload()} />
          </View>
        ) : (
          <LoadingState rows={6} />
        )}
      </View>
    )
  }

  const m = d.member
  const inFlight = d.refunds.some((r) => r.state === 'pending_approval' || r.state === 'processing')
  return (
    <View className='page staff staff-member'>
      <PageHeader title='会员详情' />
      <View id='member-balance' className='staff__item'>
        <View className='staff__row'>
          <Text className='staff-member__who'>{m.memberCode ? `会员码 ${m.memberCode}` : '会员'}</Text>
          <Text className='muted'>{m.phone ?? '未绑定手机号'}</Text>
        </View>
        <View className='staff__row staff-member__total'>
          <Text>储值余额（全部门店）</Text>
          <Money fen={m.total} size='large' />
        </View>
        <Text className='muted staff__line'>
          本金 {yuan(m.principal)} · 赠送 {yuan(m.bonus)}
          {d.held > 0 ? ` · 退款中冻结 ${yuan(d.held)}` : ''}
        </Text>
      </View>

      {notice ? (
        <Text id='member-notice' className={`staff-member__notice ${notice.tone === 'error' ? 'error-text' : ''}`}>
          {notice.text}
        </Text>
      ) : null}

      {starting ? (
        <View id='refund-start-form' className='staff__item'>
          <Text className='staff__line'>按储值协议退还剩余本金，赠送金额不退；冷静期内的充值全额退还本金。</Text>
          <Input id='refund-start-reason' className='staff-input' value={reason} maxLength={100} placeholder='请填写退款原因' onChange={(v: string) => setReason(v)} />
          <View className='staff-refund__actions'>
            <Button id='refund-start-confirm' className='staff-action' type='primary' loading={busy === 'start'} disabled={reason.trim() === '' || busy !== null} onClick={() => void start()}>
              确认发起
            </Button>
            <Button id='refund-start-cancel' className='staff-action' disabled={busy !== null} onClick={() => setStarting(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <Button id='refund-start' className='staff-action staff-member__start' disabled={m.principal <= 0 || inFlight} onClick={() => setStarting(true)}>
          {inFlight ? '已有退款在处理中' : m.principal <= 0 ? '没有可退的本金' : '发起退款'}
        </Button>
      )}

      <Text className='section-title'>退款记录</Text>
      <View id='member-refunds'>
        {d.refunds.map((r) => (
          <RefundCard
            key={r.refundId}
            refund={r}
            busy={busy !== null && busy !== 'start' && busy.refundId === r.refundId ? busy.action : null}
            locked={busy !== null}
            onApprove={(refundId) => void act({ refundId, action: 'approve' }, () => ops.refundApprove(refundId), '已批准退款')}
            onReject={(refundId, why) => void act({ refundId, action: 'reject' }, () => ops.refundReject(refundId, why), '已拒绝退款')}
          />
        ))}
        {d.refunds.length === 0 ? <EmptyState id='refunds-empty' text='没有退款记录' /> : null}
      </View>

      <Text className='section-title'>充值批次</Text>
      <View id='member-lots'>
        {d.lots.map((l) => (
          <LotItem key={l.id} lot={l} />
        ))}
        {d.lots.length === 0 ? <EmptyState id='lots-empty' text='没有本店的充值记录' /> : null}
        {d.otherStoresLots > 0 ? <Text className='muted staff__line'>另有{d.otherStoresLots}笔其他门店的充值，请联系总部查询</Text> : null}
      </View>

      <Text className='section-title'>交易记录</Text>
      <View id='member-history'>
        {d.history.map((h) => (
          <PostingItem key={h.id} item={h} />
        ))}
        {d.history.length === 0 ? <EmptyState id='history-empty' text='没有交易记录' /> : null}
      </View>
    </View>
  )
}
