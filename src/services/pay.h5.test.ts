import type { PaymentParams } from '../../contracts/api'
import { pay, SIM_OVERLAY_ID } from './pay.h5'

const payment: PaymentParams = {
  appId: 'wxtest', timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx_sim_42', signType: 'RSA', paySign: 's'
}

function post(data: unknown, origin = window.location.origin) {
  window.dispatchEvent(new MessageEvent('message', { data, origin }))
}

test.each(['paid', 'cancelled'] as const)('shows the simulator checkout and resolves %p from its postMessage', async (result) => {
  const outcome = pay(payment)
  const overlay = document.getElementById(SIM_OVERLAY_ID)
  expect(overlay).not.toBeNull()
  expect(overlay!.querySelector('iframe')!.getAttribute('src')).toBe('/sim/checkout?prepay_id=wx_sim_42')

  // messages for another order, another origin or of another shape are ignored
  post({ type: 'wechatpay-sim', prepayId: 'wx_sim_other', result: 'paid' })
  post({ type: 'wechatpay-sim', prepayId: 'wx_sim_42', result: 'paid' }, 'http://evil.example')
  post({ type: 'other', prepayId: 'wx_sim_42', result: 'paid' })
  expect(document.getElementById(SIM_OVERLAY_ID)).not.toBeNull()

  post({ type: 'wechatpay-sim', prepayId: 'wx_sim_42', result })
  await expect(outcome).resolves.toBe(result)
  expect(document.getElementById(SIM_OVERLAY_ID)).toBeNull()
})

test('a payment without prepay_id is refused as PAYMENT_FAILED', async () => {
  await expect(pay({ ...payment, package: 'nope' })).rejects.toMatchObject({ code: 'PAYMENT_FAILED' })
  expect(document.getElementById(SIM_OVERLAY_ID)).toBeNull()
})
