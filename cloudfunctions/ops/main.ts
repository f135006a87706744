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
  storeCode: async (e, who) => storeCode(await requireStaff(who.openid), e.storeId)
})
