import { Text, View } from '@tarojs/components'
import { Button, Checkbox, Popup, SafeArea } from '@nutui/nutui-react-taro'
import type { BillOffer } from '../../../../../domain/offers/recommend'
import { yuan } from '../../../../lib/money'
import './index.scss'

export interface RecommendSheetProps {
  visible: boolean
  offers: BillOffer[]
  chosen: number
  onChoose: (index: number) => void
  agreed: boolean
  onAgree: (v: boolean) => void
  busy: boolean
  onConfirm: () => void
  onClose: () => void
}

/** What the offer gives, in the server's numbers only. */
function offerLine(o: BillOffer): string {
  if (o.kind === 'free_bill') return `本单${yuan(o.free)}由门店免单`
  const tier = o.tierAfter ? `，升级${o.tierAfter.name}` : ''
  return `送${yuan(o.quote.bonus)}${tier}，本单应付${yuan(o.price.payable)}`
}

/**
 * 充值并支付: the server's one or two recommendations (most saved, least paid now), the agreement,
 * and one button that recharges and pays this bill from the new balance in the same step.
 */
export default function RecommendSheet(p: RecommendSheetProps) {
  const offer = p.offers[p.chosen]
  return (
    <Popup visible={p.visible} position='bottom' round closeable title='充值并支付本单' onClose={p.onClose}>
      <View id='recommend-sheet' className='recommend-sheet'>
        {p.offers.map((o, i) => (
          <View
            key={o.kind === 'plan' ? o.planId : o.ruleId}
            id={`recommend-offer-${i}`}
            className={`recommend-sheet__offer${i === p.chosen ? ' recommend-sheet__offer--chosen' : ''}`}
            onClick={() => p.onChoose(i)}
          >
            <View className='recommend-sheet__head'>
              <Text className='recommend-sheet__title'>{o.title}</Text>
              {o.savesToday > 0 ? <Text className='recommend-sheet__saves'>本单省{yuan(o.savesToday)}</Text> : null}
            </View>
            <Text className='recommend-sheet__line'>{offerLine(o)}</Text>
            <Text className='recommend-sheet__pay'>微信支付{yuan(o.pay)}</Text>
          </View>
        ))}
        <Checkbox id='recommend-agree' className='recommend-sheet__agree' checked={p.agreed} onChange={(v: boolean) => p.onAgree(v)}>
          我已阅读并同意《储值协议》
        </Checkbox>
        <Button
          id='recommend-pay'
          type='primary'
          block
          size='large'
          disabled={!offer || !p.agreed || p.busy}
          loading={p.busy}
          onClick={p.onConfirm}
        >
          {offer ? `充值${yuan(offer.pay)}并支付本单` : '充值并支付'}
        </Button>
        <SafeArea position='bottom' />
      </View>
    </Popup>
  )
}
