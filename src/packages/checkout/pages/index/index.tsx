import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, SafeArea } from '@nutui/nutui-react-taro'
import type { BillOffer } from '../../../../../domain/offers/recommend'
import PageHeader from '../../../../components/PageHeader'
import { EmptyState, ErrorState, LoadingState } from '../../../../components/PageState'
import TierBadge from '../../../../components/TierBadge'
import { usePageParams } from '../../../../hooks/usePageParams'
import { useRemote } from '../../../../hooks/useRemote'
import { yuan } from '../../../../lib/money'
import { goBack } from '../../../../lib/nav'
import { ApiError, errorText, parseYuanInput, pay, recharge, wallet, checkout } from '../../../../services'
import CouponPicker from '../../components/CouponPicker'
import Keypad from '../../components/Keypad'
import RecommendSheet from '../../components/RecommendSheet'
import { billKey, useBillQuote } from '../../hooks/useBillQuote'
import { useCheckoutStart } from '../../hooks/useCheckoutStart'
import { pressKey, type Key } from '../../lib/keypad'
import { useRequestId } from '../../lib/request-id'
import './index.scss'

type Notice = { tone: 'error' | 'info'; text: string } | null

export const RECEIPT_URL = '/packages/checkout/pages/receipt/index'

/**
 * 买单: the member types the bill on the keypad; the server prices it (tier discount, coupon),
 * says what the balance covers, and when it is short, recommends a recharge that pays this bill
 * too, or the rest by WeChat Pay. Every amount shown is one the server sent.
 */
export default function Checkout() {
  const params = usePageParams()
  // a store QR opens the page with ?scene=<storeId> (wxacode.getUnlimited), links with ?storeId=
  const storeId = params.storeId || params.scene
  const start = useCheckoutStart(storeId)
  const coupons = useRemote(() => wallet.coupons(), [])
  const [text, setText] = useState('')
  const [couponId, setCouponId] = useState<string | null>(null)
  const [picking, setPicking] = useState(false)
  const [sheet, setSheet] = useState(false)
  const [chosen, setChosen] = useState(0)
  const [agreed, setAgreed] = useState(false)
  const [busy, setBusy] = useState<null | 'pay' | 'rest' | 'recharge'>(null)
  const [notice, setNotice] = useState<Notice>(null)
  const [round, setRound] = useState(0)
  /** pay from the balance of the family the member joined (shown only to a family member) */
  const [fromFamily, setFromFamily] = useState(false)
  const payId = useRequestId('ck')
  const rechargeBillId = useRequestId('rb')

  const parsed = parseYuanInput(text)
  const amount = parsed.ok && parsed.fen > 0 ? parsed.fen : null
  const payFrom = fromFamily && start.data?.family ? ('family' as const) : null
  const bill = storeId && amount !== null ? { storeId, amount, ...(couponId ? { couponId } : {}), ...(payFrom ? { payFrom } : {}) } : null
  const quoteState = useBillQuote(bill, 400, round)
  // a quote counts only for exactly the bill on screen
  const quote = bill && quoteState.forBill === billKey(bill) && !quoteState.loading ? quoteState.quote : null
  const quoteError = bill && quoteState.forBill === billKey(bill) && !quoteState.loading ? quoteState.error : null

  if (!storeId) {
    return (
      <View className='page checkout'>
        <PageHeader title='买单' />
        <EmptyState id='checkout-no-store' text='请扫描门店收银台的买单二维码' action={{ text: '返回', onClick: goBack }} />
      </View>
    )
  }
  const s = start.data
  if (!s) {
    return (
      <View className='page checkout'>
        <PageHeader title='买单' />
        {start.error ? <ErrorState error={start.error} onRetry={() => void start.reload()} /> : <LoadingState rows={6} />}
      </View>
    )
  }

  const usable = (coupons.data?.coupons ?? []).filter((c) => c.state === 'usable' && (c.storeIds === 'all' || c.storeIds.includes(storeId)))
  const coupon = usable.find((c) => c.id === couponId) ?? null
  const offers: BillOffer[] = quote?.recommendations ?? []
  const short = quote !== null && quote.shortfall > 0
  const canPay = quote !== null && !short && busy === null

  const onKey = (k: Key) => {
    setNotice(null)
    setText((t) => pressKey(t, k))
  }

  const afterPayment = async (paymentId: string) => {
    payId.done()
    await Taro.redirectTo({ url: `${RECEIPT_URL}?paymentId=${encodeURIComponent(paymentId)}` })
  }

  /** 确认支付 from the balance, or (rest) the balance first and the rest by WeChat Pay */
  const onPay = async (rest: boolean) => {
    if (!bill || !quote || busy) return
    setNotice(null)
    setBusy(rest ? 'rest' : 'pay')
    try {
      const requestId = payId.idFor(`${billKey(bill)}|${rest ? 'wechat' : 'balance'}`)
      const payment = await checkout.pay({ ...bill, requestId, ...(rest ? { rest: 'wechat' as const } : {}) })
      if (payment.state === 'awaiting_wechat_pay' && payment.wechat) {
        // no pay parameters: the WeChat Pay order could not be prepared now; the same tap may try again
        if (!payment.wechat.payParams) throw new ApiError('PAYMENT_UNAVAILABLE', '')
        const outcome = await pay(payment.wechat.payParams)
        if (outcome === 'cancelled') {
          setNotice({ tone: 'info', text: '已取消微信支付，本单未完成，余额未扣除' })
          return
        }
      }
      await afterPayment(payment.paymentId)
    } catch (e) {
      setNotice({ tone: 'error', text: errorText(e) })
      setRound((r) => r + 1) // the balance or the coupon may have changed: price again
    } finally {
      setBusy(null)
    }
  }

  /** a recommendation accepted: recharge with this bill attached, pay by WeChat Pay, then the receipt */
  const onRecharge = async () => {
    const offer = offers[chosen]
    if (!bill || !offer || !agreed || busy) return
    setNotice(null)
    setBusy('recharge')
    try {
      const which = offer.kind === 'plan' ? offer.planId : offer.ruleId
      const requestId = rechargeBillId.idFor(`${billKey(bill)}|${which}`)
      const order = await recharge.create({
        ...(offer.kind === 'plan' ? { planId: offer.planId } : { amount: offer.pay, freeBill: true as const }),
        storeId,
        agreementVersion: s.offer.agreement.version,
        // the recharge is the member's own: its bill never names payFrom (a family quote recommends none)
        bill: { storeId, amount: bill.amount, ...(bill.couponId ? { couponId: bill.couponId } : {}), requestId }
      })
      const outcome = await pay(order.payment)
      if (outcome === 'cancelled') {
        setNotice({ tone: 'info', text: '已取消充值，未扣款' })
        return
      }
      rechargeBillId.done()
      setSheet(false)
      await Taro.redirectTo({ url: `${RECEIPT_URL}?outTradeNo=${encodeURIComponent(order.outTradeNo)}` })
    } catch (e) {
      setNotice({ tone: 'error', text: errorText(e) })
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='page checkout'>
      <PageHeader title='买单' />
      <View className='checkout__store'>
        <Text id='checkout-store' className='checkout__store-name'>
          {s.offer.store?.name ?? '门店'}
        </Text>
        <TierBadge tier={s.balance.tier} />
      </View>
      {s.balance.tier.discountLabel ? (
        <Text id='checkout-discount-label' className='muted'>
          会员折扣：{s.balance.tier.discountLabel}
        </Text>
      ) : null}

      <View className='checkout__amount'>
        <Text className='checkout__amount-label'>消费金额</Text>
        <Text id='bill-amount' className={`checkout__amount-value${text ? '' : ' checkout__amount-value--empty'}`}>
          {text ? `¥${text}` : '请输入金额'}
        </Text>
      </View>

      <View id='checkout-quote' className='checkout__rows'>
        {s.family ? (
          <View
            id='pay-from-family'
            className='checkout__row checkout__row--link'
            role='switch'
            aria-checked={fromFamily}
            onClick={() => {
              setNotice(null)
              setFromFamily((f) => !f)
            }}
          >
            <Text className='checkout__key'>使用家庭余额</Text>
            <Text id='pay-from-family-state' className={`checkout__value${fromFamily ? ' checkout__value--on' : ''}`}>
              {fromFamily ? `已开启（${s.family.ownerName}）` : '未开启'}
            </Text>
          </View>
        ) : null}
        <View id='coupon-picker' className='checkout__row checkout__row--link' onClick={() => usable.length > 0 && setPicking(true)}>
          <Text className='checkout__key'>优惠券</Text>
          <Text id='coupon-chosen' className='checkout__value'>
            {coupon ? coupon.title : usable.length > 0 ? `${usable.length}张可用` : '暂无可用'}
          </Text>
        </View>
        {quote && quote.tierDiscount > 0 ? (
          <View className='checkout__row'>
            <Text className='checkout__key'>会员折扣</Text>
            <Text id='quote-tier-discount' className='checkout__value checkout__value--minus'>
              -{yuan(quote.tierDiscount)}
            </Text>
          </View>
        ) : null}
        {quote && quote.couponDiscount > 0 ? (
          <View className='checkout__row'>
            <Text className='checkout__key'>优惠券抵扣</Text>
            <Text id='quote-coupon-discount' className='checkout__value checkout__value--minus'>
              -{yuan(quote.couponDiscount)}
            </Text>
          </View>
        ) : null}
        <View className='checkout__row'>
          <Text className='checkout__key'>应付</Text>
          <Text id='quote-payable' className='checkout__value checkout__value--strong'>
            {quote ? yuan(quote.payable) : bill && !quoteError ? '计算中…' : '—'}
          </Text>
        </View>
        <View className='checkout__row'>
          <Text className='checkout__key'>{payFrom ? '家庭余额' : '储值余额'}</Text>
          <Text id='quote-balance' className='checkout__value'>
            {quote ? yuan(quote.balance.total) : payFrom ? '—' : yuan(s.balance.total)}
          </Text>
        </View>
        {quote?.family ? (
          <Text id='quote-family' className='muted checkout__split'>
            {quote.family.left === null ? `由${quote.family.ownerName}的余额支付` : `由${quote.family.ownerName}的余额支付，本月还可用${yuan(quote.family.left)}`}
          </Text>
        ) : null}
        {quote && quote.pointsEarned > 0 && !short ? (
          <Text id='quote-points' className='muted checkout__split'>
            本单可得{quote.pointsEarned}积分
          </Text>
        ) : null}
        {short ? (
          <Text id='quote-shortfall' className='checkout__shortfall'>
            余额不足，还差{yuan(quote.shortfall)}
          </Text>
        ) : null}
        {quoteError ? (
          <Text id='quote-error' className='error-text'>
            {errorText(quoteError)}
          </Text>
        ) : null}
      </View>

      {quote && offers.length > 0 ? (
        <View id='recommend' className='checkout__recommend' onClick={() => setSheet(true)}>
          <Text className='checkout__recommend-title'>{short ? '充值后用余额支付本单' : '充值更划算'}</Text>
          <Text id='recommend-best' className='checkout__recommend-line'>
            {offers[0].title}
            {offers[0].savesToday > 0 ? `，本单省${yuan(offers[0].savesToday)}` : ''}
          </Text>
          <Text className='checkout__recommend-go'>查看</Text>
        </View>
      ) : null}

      {notice ? (
        <Text id='checkout-error' className={notice.tone === 'error' ? 'error-text' : 'notice-text'}>
          {notice.text}
        </Text>
      ) : null}

      {/* keys and pay button stay in reach at the bottom; the figures above scroll */}
      <View className='checkout__bar'>
        <Keypad onKey={onKey} />
        {/* a family payment is paid whole from the owner's balance or not at all (server/checkout/pay.ts) */}
        {short && quote.balance.total > 0 && !payFrom ? (
          <Button id='pay-rest' className='checkout__rest' size='large' block disabled={busy !== null} loading={busy === 'rest'} onClick={() => void onPay(true)}>
            使用微信支付剩余部分{yuan(quote.shortfall)}
          </Button>
        ) : null}
        {short && offers.length > 0 ? (
          <Button id='open-recommend' type='primary' size='large' block disabled={busy !== null} onClick={() => setSheet(true)}>
            充值并支付
          </Button>
        ) : (
          <Button id='checkout-pay' className='checkout__pay' type='primary' size='large' block disabled={!canPay} loading={busy === 'pay'} onClick={() => void onPay(false)}>
            {quote ? `确认支付${yuan(quote.payable)}` : '确认支付'}
          </Button>
        )}
        <SafeArea position='bottom' />
      </View>

      <CouponPicker
        visible={picking}
        coupons={usable}
        selected={couponId}
        billAmount={amount}
        onPick={(id) => {
          setCouponId(id)
          setPicking(false)
        }}
        onClose={() => setPicking(false)}
      />
      <RecommendSheet
        visible={sheet}
        offers={offers}
        chosen={Math.min(chosen, Math.max(offers.length - 1, 0))}
        onChoose={setChosen}
        agreed={agreed}
        onAgree={setAgreed}
        busy={busy === 'recharge'}
        onConfirm={() => void onRecharge()}
        onClose={() => setSheet(false)}
      />
    </View>
  )
}
