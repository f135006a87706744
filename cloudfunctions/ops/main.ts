import { opsContract } from '../../contracts/ops'
import { memberFunction } from '../../server/handler'
import { requireStaff } from '../../server/staff'
import { attention } from '../../server/attention'
import { retryShipping } from '../../server/ops'

/** ops: the staff desk (contracts/ops.ts). Staff only, and each staff member only for their stores. */
export const main = memberFunction(opsContract, {
  attention: async (_e, who) => attention(await requireStaff(who.openid)),
  retryShipping: async (e, who) => retryShipping(await requireStaff(who.openid), e.id)
})
