import type { FamilyEvent, FamilyResults } from '../../contracts/family'
import { callFunction } from './call'

/** Types only from contracts/: the event is the schema's input, the answer the contract's result. */
const call = <A extends FamilyEvent['action']>(event: Extract<FamilyEvent, { action: A }>) =>
  callFunction<FamilyEvent, FamilyResults[A]>('family', event)

/** Cloud function `family`: share the stored balance with family members (docs/family.md). */
export const family = {
  /** a share link; `name` is how members will see the caller */
  invite: (name?: string) => call({ action: 'invite', ...(name ? { name } : {}) }),
  /** joins the family of the link's owner; `name` is how the owner will see the caller */
  accept: (token: string, name?: string) => call({ action: 'accept', token, ...(name ? { name } : {}) }),
  list: () => call({ action: 'list' }),
  /** fen, or null for no limit */
  setLimit: (memberId: string, limit: number | null) => call({ action: 'setLimit', memberId, limit }),
  remove: (memberId: string) => call({ action: 'remove', memberId }),
  leave: () => call({ action: 'leave' })
}
