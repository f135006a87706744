import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import { useFundStatement, useLiability, useReconReport } from '../../../../hooks'
import { ops } from '../../../../services'
import { describeError } from '../../../../services/errors'
import { lastBillDay, shanghaiDay } from '../../../../lib/time'
import { DifferenceItem, LiabilityCard, ReconSummary, StatementCard } from './parts'
import './index.scss'

/** The first day of the month `day` is in. */
const monthStart = (day: string) => `${day.slice(0, 8)}01`

/**
 * 储值资金 (HQ): the fund account over a date range for every store or one, the liability report
 * with its alerts, and the latest reconciliation with WeChat Pay (what was repaired, what waits
 * for a person). Every figure is the server's (ops.fundStatement / liabilityReport / reconReport).
 */
export default function Funds() {
  const today = shanghaiDay(new Date())
  const [from, setFrom] = useState(monthStart(today))
  const [to, setTo] = useState(today)
  const [storeId, setStoreId] = useState<string | null>(null)
  const [stores, setStores] = useState<Array<{ id: string | null; name: string }>>([{ id: null, name: '全部门店' }])
  const [day] = useState(lastBillDay(new Date()))
  const statement = useFundStatement(from, to, storeId)
  const liability = useLiability()
  const recon = useReconReport(day)
  const [running, setRunning] = useState(false)
  const [runError, setRunError] = useState<string | null>(null)

  // the merchant-wide answer names every store: it fills the picker
  const all = statement.data && storeId === null ? statement.data.statements : null
  if (all && all.length !== stores.length) setStores(all.map((s) => ({ id: s.storeId, name: s.storeName })).sort((a, b) => (a.id === null ? -1 : b.id === null ? 1 : 0)))

  const failed = statement.error ?? liability.error ?? recon.error
  const reloadAll = () => Promise.all([statement.reload(), liability.reload(), recon.reload()]).then(() => undefined)

  const rerun = async () => {
    setRunning(true)
    setRunError(null)
    try {
      await ops.reconRun(day)
    } catch (e) {
      setRunError(describeError(e).text)
    } finally {
      setRunning(false)
      await recon.reload()
    }
  }

  if (!statement.data || !liability.data || !recon.data) {
    return (
      <View className='page funds'>
        <PageHeader title='储值资金' />
        {failed ? <ErrorState error={failed} onRetry={() => void reloadAll()} /> : <LoadingState rows={8} />}
      </View>
    )
  }

  const shown = statement.data.statements
  const nothing = shown.every((s) => s.opening === 0 && s.closing === 0 && s.spending === 0) && liability.data.principalOutstanding === 0
  const storeIndex = Math.max(0, stores.findIndex((s) => s.id === storeId))

  return (
    <View className='page funds'>
      <PageHeader title='储值资金' />

      <Text className='section-title'>资金账户对账单</Text>
      <View className='funds__filters'>
        <Picker mode='date' value={from} end={to} onChange={(e) => setFrom(String(e.detail.value))}>
          <View className='funds__pick' id='pick-from'>{`从 ${from}`}</View>
        </Picker>
        <Picker mode='date' value={to} start={from} end={today} onChange={(e) => setTo(String(e.detail.value))}>
          <View className='funds__pick' id='pick-to'>{`到 ${to}`}</View>
        </Picker>
        <Picker mode='selector' range={stores.map((s) => s.name)} value={storeIndex} onChange={(e) => setStoreId(stores[Number(e.detail.value)]?.id ?? null)}>
          <View className='funds__pick' id='pick-store'>{stores[storeIndex]?.name ?? '全部门店'}</View>
        </Picker>
      </View>
      <View id='statements'>
        {nothing ? (
          <EmptyState id='funds-empty' text='这段时间还没有储值资金往来' />
        ) : (
          // the merchant's total first, then each store
          [...shown].sort((a, b) => (a.storeId === null ? -1 : b.storeId === null ? 1 : 0)).map((s) => <StatementCard key={s.storeId ?? 'all'} s={s} />)
        )}
      </View>

      <Text className='section-title'>预收负债</Text>
      <LiabilityCard r={liability.data} />

      <Text className='section-title'>微信支付对账</Text>
      <ReconSummary r={recon.data} />
      <View id='recon-differences'>
        {recon.data.differences.map((d) => (
          <DifferenceItem key={d.id} d={d} />
        ))}
        {recon.data.state !== 'not_run' && recon.data.differences.length === 0 ? <EmptyState id='recon-empty' text='账单与系统记录一致，没有差异' /> : null}
      </View>
      {runError ? <Text className='funds__alert' id='recon-run-error'>{runError}</Text> : null}
      <Button className='funds__run' type='primary' block loading={running} onClick={() => void rerun()}>
        {recon.data.state === 'not_run' ? '立即对账' : '重新对账'}
      </Button>
    </View>
  )
}
