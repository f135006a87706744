import { useState } from 'react'
import Taro from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Checkbox, Input, Popup, SafeArea } from '@nutui/nutui-react-taro'
import type { PlanQuote, RechargeOffer } from '../../../contracts/api'
import PageHeader from '../../components/PageHeader'
import PlanCard from '../../components/PlanCard'
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState'
import { usePageParams, useQuote, useRechargeOffer } from '../../hooks'
import { yuan } from '../../lib/money'
import { AMOUNT_ERROR_TEXT, errorText, parseYuanInput, pay, recharge } from '../../services'
import './index.scss'

type Choice = { kind: 'plan'; planId: string } | { kind: 'custom' } | null
type Notice = { tone: 'error' | 'info'; text: string } | null

/**
 * Why a typed amount cannot be paid, judged only against numbers the server sent (its custom
 * range and `cap.maxPay`); null when it may be quoted.
 */
function customAmountProblem(fen: number, o: RechargeOffer): string | null {
  if (fen <= 0) return '请输入大于0的金额'
  if (fen < o.custom.min) return `单笔最低充值${yuan(o.custom.min)}`
  if (fen > o.cap.maxPay) return `超出余额上限，最多可充值${yuan(o.cap.maxPay)}`
  if (fen > o.custom.max) return `单笔最多充值${yuan(o.custom.max)}`
  return null
}

/** 充值: pick a plan or type an amount, read and accept the agreement, pay. */
export default function Recharge() {
  const { storeId } = usePageParams()
  const offer = useRechargeOffer(storeId)
  const [choice, setChoice] = useState<Choice>(null)
  const [customText, setCustomText] = useState('')
  const [agreed, setAgreed] = useState(false)
  const [showAgreement, setShowAgreement] = useState(false)
  const [paying, setPaying] = useState(false)
  const [notice, setNotice] = useState<Notice>(null)

  const o = offer.data
  const parsed = parseYuanInput(customText)
  const customProblem = o && parsed.ok ? customAmountProblem(parsed.fen, o) : null
  const customFen = choice?.kind === 'custom' && parsed.ok && !customProblem ? parsed.fen : null
  const quote = useQuote(customFen, storeId)

  // a custom amount counts only once the server has quoted exactly the amount now in the field
  const customQuote = quote.quote && quote.quote.pay === customFen ? quote.quote : null
  const plan: PlanQuote | null =
    choice?.kind === 'plan' ? o?.plans.find((p) => p.id === choice.planId) ?? null : choice?.kind === 'custom' ? customQuote : null
  const canPay = !!o && agreed && !paying && plan !== null && (choice?.kind !== 'custom' || !quote.loading)

  const onPay = async () => {
    if (!canPay || !o || !plan) return
    setNotice(null)
    setPaying(true)
    try {
      const order = await recharge.create({
        ...(choice?.kind === 'plan' ? { planId: plan.id } : { amount: customFen ?? undefined }),
        storeId,
        agreementVersion: o.agreement.version
      })
      const outcome = await pay(order.payment)
      if (outcome === 'cancelled') {
        // the member chose this: a neutral note, not an error
        setNotice({ tone: 'info', text: '已取消支付，未扣款' })
        return
      }
      await Taro.redirectTo({ url: `/packages/recharge/pages/result/index?outTradeNo=${encodeURIComponent(order.outTradeNo)}` })
    } catch (e) {
      setNotice({ tone: 'error', text: errorText(e) })
    } finally {
      setPaying(false)
    }
  }

  if (!o) {
    return (
      <View className='page recharge'>
        <PageHeader title='充值' />
        {offer.error ? <ErrorState error={offer.error} onRetry={() => void offer.reload()} /> : <LoadingState rows={6} />}
      </View>
    )
  }

  if (o.plans.length === 0 && !o.custom.enabled) {
    return (
      <View className='page recharge'>
        <PageHeader title='充值' />
        <EmptyState id='offer-empty' text='门店暂未开放充值，请稍后再来' />
      </View>
    )
  }

  const customError =
    customText.trim() !== '' && !parsed.ok ? AMOUNT_ERROR_TEXT[parsed.error] : customProblem ?? (quote.error ? errorText(quote.error) : null)

  return (
    <View className='page recharge'>
      <PageHeader title='充值' />
      {o.store ? <Text className='muted recharge__store'>门店：{o.store.name}</Text> : null}

      {o.campaigns.length > 0 ? (
        <View id='campaign-banner' className='recharge__campaigns'>
          {o.campaigns.map((c) => (
            <View key={c.id} className='recharge__campaign'>
              <Text className='recharge__campaign-title'>{c.title}</Text>
              <Text className='recharge__campaign-desc'>{c.description}</Text>
              <Text className='recharge__campaign-end'>活动截止{c.lastDay}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <Text className='section-title'>选择充值金额</Text>
      <View className='recharge__plans'>
        {o.plans.map((p) => (
          <View key={p.id} className='recharge__plan'>
            <PlanCard
              plan={p}
              selected={choice?.kind === 'plan' && choice.planId === p.id}
              onSelect={(planId) => setChoice({ kind: 'plan', planId })}
            />
          </View>
        ))}
      </View>

      {o.custom.enabled ? (
        <View className={`recharge__custom${choice?.kind === 'custom' ? ' recharge__custom--selected' : ''}`}>
          <View className='recharge__custom-row'>
            <Text className='recharge__custom-label'>其他金额</Text>
            <Input
              id='custom-amount'
              className='recharge__custom-input'
              type='digit'
              value={customText}
              placeholder={`${yuan(o.custom.min)}起`}
              onFocus={() => setChoice({ kind: 'custom' })}
              onChange={(v: string) => {
                setCustomText(v)
                setChoice({ kind: 'custom' })
              }}
            />
          </View>
          {o.custom.description ? <Text className='muted'>{o.custom.description}</Text> : null}
          {choice?.kind === 'custom' && customFen !== null ? (
            <Text id='custom-quote' className='recharge__quote'>
              {quote.loading ? '正在计算赠送…' : quote.quote ? `送${yuan(quote.quote.bonus)}，到账${yuan(quote.quote.credit)}` : ''}
            </Text>
          ) : null}
          {customError ? (
            <Text id='custom-error' className='error-text'>
              {customError}
            </Text>
          ) : null}
        </View>
      ) : null}

      <Text id='cap-max' className='muted recharge__cap'>
        最多可充值{yuan(o.cap.maxPay)}（余额上限{yuan(o.cap.limit)}，含赠送金）
      </Text>

      <View id='agreement' className='recharge__agreement'>
        <Text className='recharge__agreement-title'>储值须知</Text>
        <Text className='recharge__term'>· 余额上限{yuan(o.cap.limit)}，含赠送金，超出不可充值</Text>
        <Text className='recharge__term'>· 余额长期有效，不设有效期</Text>
        <Text className='recharge__term'>· 7日内未使用可全额退回本金；之后可随时退剩余本金，赠送金不兑现</Text>
        <View id='agreement-open' className='recharge__agreement-open' onClick={() => setShowAgreement(true)}>
          <Text>查看完整协议</Text>
        </View>
      </View>
      <Checkbox id='agree' className='recharge__agree' checked={agreed} onChange={(v: boolean) => setAgreed(v)}>
        我已阅读并同意《储值协议》
      </Checkbox>

      {notice ? (
        <Text id='recharge-error' className={notice.tone === 'error' ? 'error-text' : 'notice-text'}>
          {notice.text}
        </Text>
      ) : null}

      <View className='recharge__bar'>
        <Button id='pay-btn' className='pay-btn' type='primary' size='large' block disabled={!canPay} loading={paying} onClick={onPay}>
          {plan ? `确认支付${yuan(plan.pay)}` : '确认支付'}
        </Button>
        <SafeArea position='bottom' />
      </View>

      <Popup
        visible={showAgreement}
        position='bottom'
        round
        closeable
        title='储值协议'
        onClose={() => setShowAgreement(false)}
      >
        <ScrollView id='agreement-full' className='recharge__agreement-full' scrollY>
          <Text className='recharge__agreement-text'>{o.agreement.text}</Text>
        </ScrollView>
        <View className='recharge__agreement-done'>
          <Button
            id='agreement-accept'
            type='primary'
            block
            onClick={() => {
              setAgreed(true)
              setShowAgreement(false)
            }}
          >
            同意并关闭
          </Button>
          <SafeArea position='bottom' />
        </View>
      </Popup>
    </View>
  )
}
