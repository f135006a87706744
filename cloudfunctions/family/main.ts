import { familyContract } from '../../contracts/family'
import { memberFunction } from '../../server/handler'
import { accept, invite, leave, list, remove, setLimit } from '../../server/family/family'

/** family: share the stored balance with family members (contracts/family.ts, docs/family.md). */
export const main = memberFunction(familyContract, {
  invite: (e, who) => invite(who.openid, e.name),
  accept: (e, who) => accept(who.openid, e.token, e.name),
  list: (_e, who) => list(who.openid),
  setLimit: (e, who) => setLimit(who.openid, e.memberId, e.limit),
  remove: (e, who) => remove(who.openid, e.memberId),
  leave: (_e, who) => leave(who.openid)
})
