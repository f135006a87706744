import { useEffect, useState } from 'react'
import type { CheckoutReceipt } from '../../../../contracts/checkout'
import { checkout, recharge } from '../../../services'
import { describeError } from '../../../services/errors'

export type ReceiptWait =
  /** the recharge that pays the bill is not credited yet */
  | 'recharge'
  /** the WeChat Pay part of a mixed payment is not confirmed yet */
  | 'wechat'

export interface ReceiptWatch {
  receipt: CheckoutReceipt | null
  /** what is still being waited for, while the payment is not final */
  waiting: ReceiptWait | null
  /** the recharge was closed unpaid: the bill was not paid */
  closed: boolean
  /** the recharge was credited but carried no bill payment: pay the bill again from the new balance */
  unpaidBill: boolean
  /** the server's reason the bill was not paid at credit, in Chinese */
  billFailure: string | null
  error: unknown
  gaveUp: boolean
}

export interface ReceiptSource {
  paymentId?: string
  /** a recharge bought at checkout whose crediting pays the bill (recharge.status → billPaymentId) */
  outTradeNo?: string
}

const START: ReceiptWatch = { receipt: null, waiting: null, closed: false, unpaidBill: false, billFailure: null, error: null, gaveUp: false }

/**
 * The receipt of a bill payment. From `paymentId`: checkout.receipt, asked again while WeChat Pay's
 * part is unconfirmed. From `outTradeNo`: recharge.status until the order is credited and names
 * the bill's payment, then that receipt. Every `intervalMs`, at most `maxTries` answers in all
 * (failed ones count); `round` starts again (a retry button).
 */
export function useBillReceipt({ paymentId, outTradeNo }: ReceiptSource, { intervalMs = 1000, maxTries = 30, round = 0 } = {}): ReceiptWatch {
  const [watch, setWatch] = useState<ReceiptWatch>(START)

  useEffect(() => {
    if (!paymentId && !outTradeNo) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let tries = 0
    let billPaymentId = paymentId ?? null
    setWatch(START)

    const step = async (): Promise<Partial<ReceiptWatch> & { done: boolean }> => {
      if (!billPaymentId) {
        const status = await recharge.status(outTradeNo!)
        if (status.state === 'closed') return { closed: true, waiting: null, done: true }
        if (status.state === 'credited' && status.billPaymentId) billPaymentId = status.billPaymentId
        else if (status.state === 'credited' || status.state === 'review')
          return { unpaidBill: status.state === 'credited', billFailure: status.billFailure ?? null, waiting: null, done: true }
        else return { waiting: 'recharge', done: false }
      }
      const receipt = await checkout.receipt(billPaymentId)
      const done = receipt.state !== 'awaiting_wechat_pay'
      return { receipt, waiting: done ? null : 'wechat', done }
    }

    const poll = async () => {
      tries += 1
      let next: Partial<ReceiptWatch> & { done: boolean }
      try {
        next = { ...(await step()), error: null }
      } catch (error) {
        // asking again cannot find a payment that is not the caller's (NOT_FOUND: the catalogue says 返回)
        next = { error, done: describeError(error).action === 'back' }
      }
      if (stopped) return
      const { done, ...rest } = next
      const gaveUp = !done && tries >= maxTries
      setWatch((w) => ({ ...w, ...rest, gaveUp }))
      if (!done && !gaveUp) timer = setTimeout(poll, intervalMs)
    }
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [paymentId, outTradeNo, intervalMs, maxTries, round])

  return watch
}
