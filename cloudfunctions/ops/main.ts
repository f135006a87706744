import { opsContract } from '../../contracts/ops'
import { staffFunction } from '../../server/staff-function'
import { attention } from '../../server/attention'
import { retryShipping } from '../../server/ops'
import { memberDetail, memberFind } from '../../server/member-query'
import { fundStatementFor, liabilityReportFor } from '../../server/recon/funds'
import { readReconReport, requireHeadquarters } from '../../server/recon/report'
import { reconcileDay } from '../../server/recon/run'
import { defaultReconLimits, OPS_RECON_BUDGET_MS } from '../../server/recon/daily'
import { staffStores, storeCode } from '../../server/store-code'
import { staffCompletePayout, staffDecide, staffStartRefund } from '../../server/refund/staff'
import { returnPayment } from '../../server/refund/returns'

/**
 * ops: the staff desk (contracts/ops.ts). Every action is checked against the permission table
 * (server/permissions.ts) before it runs; each then checks the store of the records it touches.
 */
export const main = staffFunction(opsContract, {
  attention: async (_e, staff) => attention(staff),
  retryShipping: async (e, staff) => retryShipping(staff, e.id),
  memberFind: async (e, staff) => memberFind(staff, e.query),
  memberDetail: async (e, staff) => memberDetail(staff, e.openid),
  // statements: a store's to its manager, every store's to HQ (fundStatementFor checks the store)
  fundStatement: async (e, staff) => fundStatementFor(staff, e),
  liabilityReport: async (_e, staff) => liabilityReportFor(staff),
  reconRun: async (e, staff) => {
    requireHeadquarters(staff)
    // ops has 20 s: a big day's remaining differences are left to the next run (the timer's or another reconRun)
    return reconcileDay(e.date, defaultReconLimits(Date.now(), OPS_RECON_BUDGET_MS))
  },
  reconReport: async (e, staff) => {
    requireHeadquarters(staff)
    return readReconReport(e.date)
  },
  stores: async (_e, staff) => staffStores(staff),
  // storeCode checks the store is the person's
  storeCode: async (e, staff) => storeCode(staff, e.storeId),
  // refunds (issue 11, server/refund/staff.ts): the permission table decides who; staffDecide checks a cashier's approval limit
  refundStart: async (e, staff) => staffStartRefund(staff, e.openid, e.requestId, e.reason),
  refundApprove: async (e, staff) => staffDecide(staff, e.refundId, 'approve'),
  refundReject: async (e, staff) => staffDecide(staff, e.refundId, 'reject', e.reason),
  payoutComplete: async (e, staff) => staffCompletePayout(staff, e.refundId, e.outRefundNo, e.reference),
  paymentReturn: async (e, staff) => returnPayment(staff, e.paymentId, e.requestId, e.reason, e.amount)
})
