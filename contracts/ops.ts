import { z } from 'zod'
import { defineContract } from './define'
import type { Attention } from './api'

/** A shipping task's id: `ship:<out_trade_no>`. */
export const shippingId = z.string().regex(/^ship:[0-9A-Za-z_\-|*]{6,32}$/)

/** Cloud function `ops`: the staff desk (staff only, each for their own stores). */
export const opsEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('attention') }),
  z.strictObject({ action: z.literal('retryShipping'), id: shippingId })
])

export interface OpsResults {
  attention: Attention
  retryShipping: { status: 'pending' | 'done' | 'failed' }
}

export const opsContract = defineContract<OpsResults>()('ops', opsEvent)
export type OpsEvent = z.input<typeof opsEvent>
