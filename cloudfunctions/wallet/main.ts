import { walletContract } from '../../contracts/wallet'
import { memberFunction } from '../../server/handler'
import { history, historyEntry, walletBalance } from '../../server/wallet'
import { acceptTerms, memberView } from '../../server/members/view'
import { walletCoupons } from '../../server/members/coupons'
import { pointsPage } from '../../server/members/points'
import { now } from '../../server/clock'
import { bindPhone } from '../../server/phone'

/** wallet: what a member sees of their own stored value (contracts/wallet.ts). */
export const main = memberFunction(walletContract, {
  balance: (_e, who) => walletBalance(who.openid),
  history: (e, who) => history(who.openid, e.cursor, e.limit),
  entry: (e, who) => historyEntry(who.openid, e.id),
  member: (_e, who) => memberView(who.openid),
  acceptTerms: (e, who) => acceptTerms(who.openid, e.version),
  coupons: (_e, who) => walletCoupons(who.openid, now()),
  points: (e, who) => pointsPage(who.openid, e.cursor, now()),
  bindPhone: (e, who) => bindPhone(who.openid, e.code)
})
