import { opsContract } from '../../contracts/ops'
import { memberFunction } from '../../server/handler'
import { requireStaff } from '../../server/staff'
import { attention } from '../../server/attention'
import { retryShipping } from '../../server/ops'
import { fundStatementFor, liabilityReportFor } from '../../server/recon/funds'
import { readReconReport, requireHeadquarters } from '../../server/recon/report'
import { reconcileDay } from '../../server/recon/run'
import { defaultReconLimits, OPS_RECON_BUDGET_MS } from '../../server/recon/daily'
import { staffStores, storeCode } from '../../server/store-code'
import { staffCompletePayout, staffDecide, staffStartRefund } from '../../server/refund/staff'
import { returnPayment } from '../../server/refund/returns'

/** ops: the staff desk (contracts/ops.ts). Staff only, and each staff member only for their stores. */
export const main = memberFunction(opsContract, {
  attention: async (_e, who) => attention(await requireStaff(who.openid)),
  retryShipping: async (e, who) => retryShipping(await requireStaff(who.openid), e.id),
  // statements and reconciliation: HQ (admin, stores 'all'); a store's statement also to an admin of that store.
  // Cashiers are refused (server/permissions.ts replaces these role lists when the staff roles land).
  fundStatement: async (e, who) => fundStatementFor(await requireStaff(who.openid, ['admin']), e),
  liabilityReport: async (_e, who) => liabilityReportFor(await requireStaff(who.openid, ['admin'])),
  reconRun: async (e, who) => {
    requireHeadquarters(await requireStaff(who.openid, ['admin']))
    // ops has 20 s: a big day's remaining differences are left to the next run (the timer's or another reconRun)
    return reconcileDay(e.date, defaultReconLimits(Date.now(), OPS_RECON_BUDGET_MS))
  },
  reconReport: async (e, who) => {
    requireHeadquarters(await requireStaff(who.openid, ['admin']))
    return readReconReport(e.date)
  },
  stores: async (_e, who) => staffStores(await requireStaff(who.openid)),
  storeCode: async (e, who) => storeCode(await requireStaff(who.openid), e.storeId),
  // refunds (issue 11): role checks move to server/permissions.ts when the staff work merges
  refundStart: async (e, who) => staffStartRefund(await requireStaff(who.openid, ['cashier', 'admin']), e.openid, e.requestId, e.reason),
  refundApprove: async (e, who) => staffDecide(await requireStaff(who.openid, ['cashier', 'admin']), e.refundId, 'approve'),
  refundReject: async (e, who) => staffDecide(await requireStaff(who.openid, ['cashier', 'admin']), e.refundId, 'reject', e.reason),
  payoutComplete: async (e, who) => staffCompletePayout(await requireStaff(who.openid, ['admin']), e.refundId, e.outRefundNo, e.reference),
  paymentReturn: async (e, who) => returnPayment(await requireStaff(who.openid, ['cashier', 'admin']), e.paymentId, e.requestId, e.reason, e.amount)
})
