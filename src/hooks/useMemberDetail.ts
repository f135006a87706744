import type { StaffMemberDetail } from '../../contracts/ops'
import { ApiError, ops } from '../services'
import { useRemote, type Remote } from './useRemote'

/** One member as the staff desk sees them (ops.memberDetail); nothing loads without an openid. */
export function useMemberDetail(openid: string | undefined): Remote<StaffMemberDetail> {
  return useRemote(async () => {
    if (!openid) throw new ApiError('NOT_FOUND', '没有指定会员，请返回重新查询')
    return ops.memberDetail(openid)
  }, [openid])
}
