import Taro from '@tarojs/taro'
import type { PaymentParams } from '../../contracts/api'
import { ApiError } from './errors'

export type PayOutcome = 'paid' | 'cancelled'

export async function pay(payment: PaymentParams): Promise<PayOutcome> {
  try {
    await Taro.requestPayment({
      timeStamp: payment.timeStamp,
      nonceStr: payment.nonceStr,
      package: payment.package,
      signType: payment.signType,
      paySign: payment.paySign
    })
    return 'paid'
  } catch (e) {
    const errMsg = (e as { errMsg?: string })?.errMsg ?? ''
    // "requestPayment:fail cancel" is the user closing the sheet
    if (/cancel/i.test(errMsg)) return 'cancelled'
    throw new ApiError('PAYMENT_FAILED', '')
  }
}
