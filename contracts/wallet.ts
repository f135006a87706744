import { z } from 'zod'
import { defineContract } from './define'
import type { HistoryItem, HistoryPage, WalletBalance } from './api'

/** Cloud function `wallet`: what a member sees of their own stored value. */
export const walletEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('balance') }),
  z.strictObject({
    action: z.literal('history'),
    /** the creation time (ms) of the previous page's last item */
    cursor: z.string().regex(/^\d{1,15}$/).optional(),
    limit: z.number().int().min(1).max(50).default(20)
  }),
  z.strictObject({ action: z.literal('entry'), id: z.string().min(1).max(100) })
])

export interface WalletResults {
  balance: WalletBalance
  history: HistoryPage
  entry: HistoryItem
}

export const walletContract = defineContract<WalletResults>()('wallet', walletEvent)
export type WalletEvent = z.input<typeof walletEvent>
