import { z } from 'zod'
import { memberFunction } from '../../server/handler'
import { quoteAmount, rechargeOffer } from '../../server/recharge/offer'
import { createRecharge } from '../../server/recharge/create'
import { rechargeStatus } from '../../server/recharge/status'

const storeId = z.string().min(1).max(64).optional()
const amount = z.number().int('金额须为整数分').positive()

const event = z.discriminatedUnion('action', [
  z.object({ action: z.literal('plans'), storeId }),
  z.object({ action: z.literal('quote'), amount, storeId }),
  z.object({
    action: z.literal('create'),
    planId: z.string().min(1).max(64).optional(),
    amount: amount.optional(),
    storeId,
    // optional here so that a missing version is AGREEMENT_REQUIRED, not INVALID_INPUT
    agreementVersion: z.string().max(64).optional()
  }),
  z.object({ action: z.literal('status'), outTradeNo: z.string().regex(/^[0-9A-Za-z_\-|*]{6,32}$/) })
])

/** recharge: plans on offer, custom-amount quotes, creating a WeChat Pay order, its status. */
export const main = memberFunction(event, async (e, who) => {
  switch (e.action) {
    case 'plans':
      return rechargeOffer(who.openid, e.storeId)
    case 'quote':
      return quoteAmount(who.openid, e.amount, e.storeId)
    case 'create':
      return createRecharge(who.openid, { ...e, agreementVersion: e.agreementVersion ?? '' })
    case 'status':
      return rechargeStatus(who.openid, e.outTradeNo)
  }
})
