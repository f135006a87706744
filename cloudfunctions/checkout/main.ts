import { checkoutContract } from '../../contracts/checkout'
import { memberFunction } from '../../server/handler'
import { quoteCheckout } from '../../server/checkout/quote'
import { payFromBalance, paymentReceipt } from '../../server/checkout/pay'

/** checkout: quote a bill, pay it from the stored balance, read its receipt (contracts/checkout.ts). */
export const main = memberFunction(checkoutContract, {
  quote: (e, who) => quoteCheckout(who.openid, e),
  pay: (e, who) => payFromBalance(who.openid, e),
  receipt: (e, who) => paymentReceipt(who.openid, e.paymentId)
})
