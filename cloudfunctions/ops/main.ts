import { z } from 'zod'
import { memberFunction } from '../../server/handler'
import { requireStaff } from '../../server/staff'
import { attention } from '../../server/attention'
import { retryShipping } from '../../server/ops'

const event = z.discriminatedUnion('action', [
  z.object({ action: z.literal('attention') }),
  z.object({ action: z.literal('retryShipping'), id: z.string().regex(/^ship:[0-9A-Za-z_\-|*]{6,32}$/) })
])

/** ops: the staff desk's view of what needs a person (staff only, each for their own stores). */
export const main = memberFunction(event, async (e, who) => {
  const staff = await requireStaff(who.openid)
  switch (e.action) {
    case 'attention':
      return attention(staff)
    case 'retryShipping':
      return retryShipping(staff, e.id)
  }
})
