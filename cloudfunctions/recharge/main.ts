import { rechargeContract } from '../../contracts/recharge'
import { memberFunction } from '../../server/handler'
import { quoteAmount, rechargeOffer } from '../../server/recharge/offer'
import { createRecharge } from '../../server/recharge/create'
import { rechargeStatus } from '../../server/recharge/status'

/** recharge: plans on offer, custom-amount quotes, creating a WeChat Pay order, its status (contracts/recharge.ts). */
export const main = memberFunction(rechargeContract, {
  plans: (e, who) => rechargeOffer(who.openid, e.storeId),
  quote: (e, who) => quoteAmount(who.openid, e.amount, e.storeId),
  create: (e, who) => createRecharge(who.openid, { ...e, agreementVersion: e.agreementVersion ?? '' }),
  status: (e, who) => rechargeStatus(who.openid, e.outTradeNo)
})
