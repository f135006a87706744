import type { FamilyView } from '../../contracts/family'
import { family } from '../services'
import { useRemote, type Remote } from './useRemote'

/** The caller's family as the server has it: as owner, as member, or none. */
export function useFamily(): Remote<FamilyView> {
  return useRemote(() => family.list(), [])
}
