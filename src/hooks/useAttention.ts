import type { Attention } from '../../contracts/api'
import { ops } from '../services'
import { useRemote, type Remote } from './useRemote'

/** What the staff desk must look at, as the server has it. */
export function useAttention(): Remote<Attention> {
  return useRemote(() => ops.attention(), [])
}
