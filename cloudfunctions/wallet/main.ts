import { z } from 'zod'
import { memberFunction } from '../../server/handler'
import { history, historyEntry, walletBalance } from '../../server/wallet'

const event = z.discriminatedUnion('action', [
  z.object({ action: z.literal('balance') }),
  z.object({ action: z.literal('history'), cursor: z.string().regex(/^\d{1,15}$/).optional(), limit: z.number().int().min(1).max(50).default(20) }),
  z.object({ action: z.literal('entry'), id: z.string().min(1).max(100) })
])

/** wallet: what a member sees of their own stored value. */
export const main = memberFunction(event, async (e, who) => {
  switch (e.action) {
    case 'balance':
      return walletBalance(who.openid)
    case 'history':
      return history(who.openid, e.cursor, e.limit)
    case 'entry':
      return historyEntry(who.openid, e.id)
  }
})
