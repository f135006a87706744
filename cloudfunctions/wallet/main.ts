import { walletContract } from '../../contracts/wallet'
import { memberFunction } from '../../server/handler'
import { history, historyEntry, walletBalance } from '../../server/wallet'

/** wallet: what a member sees of their own stored value (contracts/wallet.ts). */
export const main = memberFunction(walletContract, {
  balance: (_e, who) => walletBalance(who.openid),
  history: (e, who) => history(who.openid, e.cursor, e.limit),
  entry: (e, who) => historyEntry(who.openid, e.id)
})
