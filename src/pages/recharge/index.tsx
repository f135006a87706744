import { useState } from 'react'
import Taro from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Checkbox, Input, Loading } from '@nutui/nutui-react-taro'
import type { PlanQuote } from '../../../contracts/api'
import PlanCard from '../../components/PlanCard'
import { usePageParams, useQuote, useRechargeOffer } from '../../hooks'
import { yuan } from '../../lib/money'
import { AMOUNT_ERROR_TEXT, errorText, parseYuanInput, pay, recharge } from '../../services'
import './index.scss'

type Choice = { kind: 'plan'; planId: string } | { kind: 'custom' } | null

/** 充值: pick a plan or type an amount, read and accept the agreement, pay. */
export default function Recharge() {
  const { storeId } = usePageParams()
  const offer = useRechargeOffer(storeId)
  const [choice, setChoice] = useState<Choice>(null)
  const [customText, setCustomText] = useState('')
  const [agreed, setAgreed] = useState(false)
  const [paying, setPaying] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const parsed = parseYuanInput(customText)
  const customFen = choice?.kind === 'custom' && parsed.ok ? parsed.fen : null
  const quote = useQuote(customFen, storeId)

  const o = offer.data
  // a custom amount counts only once the server has quoted exactly the amount now in the field
  const customQuote = quote.quote && quote.quote.pay === customFen ? quote.quote : null
  const plan: PlanQuote | null =
    choice?.kind === 'plan' ? o?.plans.find((p) => p.id === choice.planId) ?? null : choice?.kind === 'custom' ? customQuote : null
  const canPay = !!o && agreed && !paying && plan !== null && (choice?.kind !== 'custom' || !quote.loading)

  const onPay = async () => {
    if (!canPay || !o || !plan) return
    setError(null)
    setPaying(true)
    try {
      const order = await recharge.create({
        ...(choice?.kind === 'plan' ? { planId: plan.id } : { amount: customFen ?? undefined }),
        storeId,
        agreementVersion: o.agreement.version
      })
      const outcome = await pay(order.payment)
      if (outcome === 'cancelled') {
        setError('已取消支付')
        return
      }
      await Taro.redirectTo({ url: `/pages/recharge-result/index?outTradeNo=${encodeURIComponent(order.outTradeNo)}` })
    } catch (e) {
      setError(errorText(e))
    } finally {
      setPaying(false)
    }
  }

  if (!o) {
    return (
      <View className='page recharge recharge--loading'>
        {offer.error ? (
          <Text id='offer-error' className='error-text'>
            {errorText(offer.error)}
          </Text>
        ) : (
          <Loading>加载中</Loading>
        )}
      </View>
    )
  }

  const customError = customText.trim() !== '' && !parsed.ok ? AMOUNT_ERROR_TEXT[parsed.error] : quote.error ? errorText(quote.error) : null

  return (
    <View className='page recharge'>
      {o.store ? <Text className='muted recharge__store'>门店：{o.store.name}</Text> : null}

      {o.campaigns.length > 0 ? (
        <View id='campaign-banner' className='recharge__campaigns'>
          {o.campaigns.map((c) => (
            <View key={c.id} className='recharge__campaign'>
              <Text className='recharge__campaign-title'>{c.title}</Text>
              <Text className='recharge__campaign-desc'>{c.description}</Text>
              <Text className='recharge__campaign-end'>活动截止 {c.lastDay}</Text>
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
              placeholder={`${yuan(o.custom.min)} ~ ${yuan(o.custom.max)}`}
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
              {quote.loading
                ? '正在计算赠送…'
                : quote.quote
                  ? `送${yuan(quote.quote.bonus)}，到账${yuan(quote.quote.credit)}`
                  : ''}
            </Text>
          ) : null}
          {customError ? (
            <Text id='custom-error' className='error-text'>
              {customError}
            </Text>
          ) : null}
        </View>
      ) : null}

      <Text className='muted recharge__cap'>
        余额上限 {yuan(o.cap.limit)}，当前还可充值 {yuan(o.cap.room)}
      </Text>

      <Text className='section-title'>储值协议（版本 {o.agreement.version}）</Text>
      <ScrollView id='agreement' className='recharge__agreement' scrollY>
        <Text className='recharge__agreement-text'>{o.agreement.text}</Text>
      </ScrollView>
      <Checkbox id='agree' className='recharge__agree' checked={agreed} onChange={(v: boolean) => setAgreed(v)}>
        我已阅读并同意《储值协议》（{o.agreement.version}）
      </Checkbox>

      {error ? (
        <Text id='recharge-error' className='error-text'>
          {error}
        </Text>
      ) : null}

      <View className='recharge__bar'>
        <Button id='pay-btn' className='pay-btn' type='primary' size='large' block disabled={!canPay} loading={paying} onClick={onPay}>
          {plan ? `确认支付 ${yuan(plan.pay)}` : '确认支付'}
        </Button>
      </View>
    </View>
  )
}
