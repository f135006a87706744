import { z } from 'zod'
import { defineContract } from './define'
import { money } from './money'
import type { CreatedOrder, OrderStatus, PlanQuote, RechargeOffer } from './api'

/** WeChat Pay's out_trade_no alphabet (6–32 of [0-9A-Za-z_-|*]). */
export const outTradeNo = z.string().regex(/^[0-9A-Za-z_\-|*]{6,32}$/)
const storeId = z.string().min(1).max(64).optional()

/** Cloud function `recharge`: plans on offer, custom-amount quotes, creating an order, its status. */
export const rechargeEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('plans'), storeId }),
  z.strictObject({ action: z.literal('quote'), amount: money, storeId }),
  z.strictObject({
    action: z.literal('create'),
    /** exactly one of planId / amount (server/recharge/create.ts says which is missing) */
    planId: z.string().min(1).max(64).optional(),
    amount: money.optional(),
    storeId,
    // optional here so that a missing version is AGREEMENT_REQUIRED, not INVALID_INPUT
    agreementVersion: z.string().max(64).optional(),
    /** a recommendation accepted at checkout: this bill is paid from the new balance when the recharge is credited */
    bill: z
      .strictObject({
        storeId: z.string().min(1).max(64),
        amount: money,
        requestId: z.string().regex(/^[0-9A-Za-z_\-]{8,64}$/),
        couponId: z.string().min(1).max(64).optional()
      })
      .optional(),
    /** 充值免单 (with `bill`): the bill is free, the store's promotion cost */
    freeBill: z.literal(true).optional()
  }),
  z.strictObject({ action: z.literal('status'), outTradeNo })
])

export interface RechargeResults {
  plans: RechargeOffer
  quote: PlanQuote
  create: CreatedOrder
  status: OrderStatus
}

export const rechargeContract = defineContract<RechargeResults>()('recharge', rechargeEvent)
export type RechargeEvent = z.input<typeof rechargeEvent>
