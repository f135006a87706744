import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { StaffRefundView } from '../../../../contracts/ops'
import Money from '../../../components/Money'
import { formatTime } from '../../../lib/time'
import { REFUND_STATE } from './refund-text'

export interface RefundCardProps {
  refund: StaffRefundView
  /** which action is running for this refund, if any */
  busy: 'approve' | 'reject' | null
  /** another action of the page is running: nothing can be tapped */
  locked: boolean
  onApprove: (refundId: string) => void
  onReject: (refundId: string, reason: string) => void
}

/** One refund with every id of its parts; a refund waiting for approval can be approved or rejected with a reason. */
export default function RefundCard({ refund: r, busy, locked, onApprove, onReject }: RefundCardProps) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const pending = r.state === 'pending_approval'
  return (
    <View className='staff__item staff-refund' id={`refund-${r.refundId}`}>
      <View className='staff__row'>
        <Money fen={r.amount} />
        <Text className={`staff__status staff-refund__state staff-refund__state--${r.state}`}>{REFUND_STATE[r.state] ?? r.state}</Text>
      </View>
      <Text className='muted staff__line'>退款编号 {r.refundId}</Text>
      <Text className='muted staff__line'>申请时间 {formatTime(r.createdAt)}</Text>
      {r.reason ? <Text className='staff__line'>原因：{r.reason}</Text> : null}
      {r.rejectReason ? <Text className='staff__line'>拒绝原因：{r.rejectReason}</Text> : null}
      <Text className='muted staff__line staff-refund__guidance'>{r.staffGuidance}</Text>
      {r.parts.map((p) => (
        <View key={p.outRefundNo} className='staff-refund__part'>
          <Text className='staff__line'>
            {p.kind === 'manual' ? '人工打款' : '原路退回'} <Money fen={p.amount} size='small' />
          </Text>
          <Text className='muted staff__line'>原充值订单号 {p.outTradeNo}</Text>
          <Text className='muted staff__line'>退款单号 {p.outRefundNo}</Text>
          {p.wechatRefundId ? <Text className='muted staff__line'>微信退款单号 {p.wechatRefundId}</Text> : null}
        </View>
      ))}
      {pending && !rejecting ? (
        <View className='staff-refund__actions'>
          <Button className='refund-approve staff-action' type='primary' loading={busy === 'approve'} disabled={locked} onClick={() => onApprove(r.refundId)}>
            批准退款
          </Button>
          <Button className='refund-reject staff-action' disabled={locked} onClick={() => setRejecting(true)}>
            拒绝
          </Button>
        </View>
      ) : null}
      {pending && rejecting ? (
        <View className='staff-refund__reject'>
          <Input className='refund-reject-reason staff-input' value={reason} maxLength={100} placeholder='请填写拒绝原因（会员可见）' onChange={(v: string) => setReason(v)} />
          <View className='staff-refund__actions'>
            <Button className='refund-reject-confirm staff-action' type='danger' loading={busy === 'reject'} disabled={reason.trim() === '' || locked} onClick={() => onReject(r.refundId, reason.trim())}>
              确认拒绝
            </Button>
            <Button className='staff-action' disabled={locked} onClick={() => setRejecting(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}
