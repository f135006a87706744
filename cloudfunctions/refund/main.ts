import { refundContract } from '../../contracts/refund'
import { memberFunction } from '../../server/handler'
import { quoteMemberRefund } from '../../server/refund/request'
import { listRefunds, refundStatus, requestRefund } from '../../server/refund/member'
import { refundView } from '../../server/refund/view'

/** refund: a member's refund of their stored value: quote, request, status, list (contracts/refund.ts). */
export const main = memberFunction(refundContract, {
  quote: (_e, who) => quoteMemberRefund(who.openid),
  request: async (e, who) => refundView(await requestRefund(who.openid, e.requestId, e.reason ?? '')),
  status: (e, who) => refundStatus(who.openid, e.refundId),
  list: (_e, who) => listRefunds(who.openid)
})
