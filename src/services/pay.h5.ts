import type { PaymentParams } from '../../contracts/api'
import { ApiError } from './errors'

export type PayOutcome = 'paid' | 'cancelled'

/** What the simulator's confirm screen posts to its parent window. */
interface SimMessage {
  type: 'wechatpay-sim'
  prepayId: string
  result: PayOutcome
}

export const SIM_OVERLAY_ID = 'wechatpay-sim-overlay'

export function prepayIdOf(payment: PaymentParams): string {
  const m = /^prepay_id=(.+)$/.exec(payment.package ?? '')
  if (!m) throw new ApiError('PAYMENT_FAILED', '')
  return m[1]
}

function isSimMessage(data: unknown, prepayId: string): data is SimMessage {
  const d = data as Partial<SimMessage> | null
  return (
    !!d && d.type === 'wechatpay-sim' && d.prepayId === prepayId && (d.result === 'paid' || d.result === 'cancelled')
  )
}

/**
 * Stands in for wx.requestPayment in the browser: the local WeChat Pay simulator's checkout
 * page in a full-screen iframe; it answers with postMessage once the payer confirms or cancels.
 */
export async function pay(payment: PaymentParams): Promise<PayOutcome> {
  const prepayId = prepayIdOf(payment)
  return new Promise((resolve) => {
    const overlay = document.createElement('div')
    overlay.id = SIM_OVERLAY_ID
    overlay.setAttribute(
      'style',
      'position:fixed;inset:0;z-index:10000;background:rgba(0,0,0,.45);display:flex;align-items:stretch;justify-content:center'
    )
    const frame = document.createElement('iframe')
    frame.title = '微信支付'
    frame.src = `/sim/checkout?prepay_id=${encodeURIComponent(prepayId)}`
    frame.setAttribute('style', 'border:0;width:100%;max-width:480px;height:100%;background:#fff')
    overlay.appendChild(frame)

    const onMessage = (ev: MessageEvent) => {
      if (ev.origin !== window.location.origin || !isSimMessage(ev.data, prepayId)) return
      window.removeEventListener('message', onMessage)
      overlay.remove()
      resolve(ev.data.result)
    }
    window.addEventListener('message', onMessage)
    document.body.appendChild(overlay)
  })
}
