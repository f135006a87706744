import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { yuan } from '../../../../lib/money'
import type { FundStatementView, LiabilityView, ReconDifferenceView, ReconReportView } from '../../../../../contracts/funds'
import type { Fen } from '../../../../../contracts/money'
import { formatTime } from '../../../../lib/time'

/** One labelled amount on a line. */
export function Line({ label, fen, id, strong }: { label: string; fen: Fen; id?: string; strong?: boolean }) {
  return (
    <View className={`funds__line${strong ? ' funds__line--strong' : ''}`} id={id}>
      <Text>{label}</Text>
      {/* plain text: NutUI's Price draws ¥0.00 as "¥0." */}
      <Text className='funds__amount'>{yuan(fen)}</Text>
    </View>
  )
}

/** A store's (or the merchant's) fund account: the cash lines, then the spending beside them. */
export function StatementCard({ s }: { s: FundStatementView }) {
  return (
    <View className='funds__card statement' id={`statement-${s.storeId ?? 'all'}`}>
      <Text className='funds__title'>{s.storeName}</Text>
      <Line label='期初余额' fen={s.opening} />
      <Line label='＋ 充值收款' fen={s.recharges} />
      <Line label='－ 退款支出' fen={s.refunds} />
      {s.other !== 0 ? <Line label='± 其他调整' fen={s.other} /> : null}
      <Line label='期末余额' fen={s.closing} strong id={`closing-${s.storeId ?? 'all'}`} />
      <View className='funds__divider' />
      <Line label='会员消费核销（不动用现金）' fen={s.spending} />
      <Line label='其中确认收入' fen={s.revenue} />
    </View>
  )
}

export function LiabilityCard({ r }: { r: LiabilityView }) {
  return (
    <View className='funds__card' id='liability'>
      {r.alerts.map((a) => (
        <View key={a.kind} className='funds__alert liability-alert'>
          <Text>{a.message}</Text>
        </View>
      ))}
      <Line label='预收本金（应付会员）' fen={r.principalOutstanding} strong id='principal-outstanding' />
      <Line label='赠送金余额' fen={r.bonusOutstanding} />
      <Line label='退款处理中' fen={r.heldForRefunds} />
      <Line label='本年已确认收入' fen={r.revenueRecognised} />
      {r.custodyRequired !== null ? <Line label='应存管资金' fen={r.custodyRequired} /> : null}
      <View className='funds__line'>
        <Text>{`${r.dormant.days} 天未动用的会员`}</Text>
        <Text>{`${r.dormant.members} 人`}</Text>
      </View>
      {r.dormant.members > 0 ? <Line label='其中未动用本金（不作清零）' fen={r.dormant.principal} /> : null}
      <Text className='muted funds__note'>{`截至 ${formatTime(r.asOf)}`}</Text>
    </View>
  )
}

const STATE: Record<ReconReportView['state'], string> = {
  not_run: '尚未对账',
  running: '对账进行中（差异较多，稍后自动继续）',
  done: '对账完成',
  bill_incomplete: '账单不完整，未自动处理'
}

const KIND: Record<ReconDifferenceView['kind'], string> = {
  paid_not_credited: '已收款未入账',
  credited_not_paid: '已入账未收款',
  payment_amount_differs: '收款金额不一致',
  transaction_id_differs: '支付单号不一致',
  refunded_not_posted: '已退款未记账',
  posted_not_refunded: '已记账未退款',
  refund_amount_differs: '退款金额不一致',
  duplicate_in_bill: '账单重复',
  bill_incomplete: '账单不完整'
}

export function DifferenceItem({ d }: { d: ReconDifferenceView }) {
  return (
    <View className={`funds__item recon-difference recon-difference--${d.state}`}>
      <View className='funds__line'>
        <Text className='funds__kind'>{KIND[d.kind]}</Text>
        <Tag type={d.state === 'flagged' ? 'danger' : 'success'}>{d.state === 'flagged' ? '待人工处理' : '已自动补入账'}</Tag>
      </View>
      {d.key ? <Text className='funds__no'>{`单号 ${d.key}`}</Text> : null}
      {d.amount !== null ? <Text className='funds__amount funds__line'>{yuan(d.amount)}</Text> : null}
      <Text className='funds__note'>{d.note}</Text>
    </View>
  )
}

export function ReconSummary({ r }: { r: ReconReportView }) {
  return (
    <View className='funds__card' id='recon-summary'>
      <View className='funds__line'>
        <Text className='funds__title'>{r.day}</Text>
        <Text id='recon-state'>{STATE[r.state]}</Text>
      </View>
      {r.state !== 'not_run' ? (
        <>
          <View className='funds__line'>
            <Text>{`微信支付账单 ${r.bill.payments} 笔`}</Text>
            <Text className='funds__amount'>{yuan(r.bill.paymentTotal)}</Text>
          </View>
          <View className='funds__line'>
            <Text>{`系统入账 ${r.ledger.payments} 笔`}</Text>
            <Text className='funds__amount'>{yuan(r.ledger.paymentTotal)}</Text>
          </View>
          {r.bill.refunds > 0 ? (
            <View className='funds__line'>
              <Text>{`微信支付退款 ${r.bill.refunds} 笔`}</Text>
              <Text className='funds__amount'>{yuan(r.bill.refundTotal)}</Text>
            </View>
          ) : null}
          <Text className='funds__note'>{`自动补入账 ${r.repaired} 笔，待人工处理 ${r.flagged} 笔`}</Text>
          {r.lastRunAt ? <Text className='muted funds__note'>{`最近对账 ${formatTime(r.lastRunAt)}`}</Text> : null}
        </>
      ) : null}
    </View>
  )
}
