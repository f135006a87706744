import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import { AppError } from './errors'

export type StaffRole = 'cashier' | 'admin'

export interface StaffDoc {
  _id: string // openid
  name: string
  role: StaffRole
  /** stores this person works for; 'all' for HQ */
  stores: 'all' | string[]
}

/**
 * Staff are listed in the `staff` collection by openid (HQ adds them in the console or, later,
 * from the admin pages). Anyone else is refused, whatever the event says.
 */
export async function requireStaff(openid: string, roles: readonly StaffRole[] = ['cashier', 'admin']): Promise<StaffDoc> {
  const { data } = await database().collection(C.staff).doc(openid).get()
  const staff = data as StaffDoc | null
  if (!staff || !roles.includes(staff.role)) throw new AppError('FORBIDDEN', '仅限店员使用')
  return staff
}
