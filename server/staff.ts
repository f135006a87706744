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

/** Whether `storeId`'s records are this person's to see and act on. */
export function worksAt(staff: StaffDoc, storeId: string): boolean {
  return staff.stores === 'all' || (Array.isArray(staff.stores) && staff.stores.includes(storeId))
}

/**
 * Every staff action on a record checks the record's own store (issue 8 item 5): a cashier of
 * one store may not act on another store's orders, whatever id the event names.
 */
export function requireStore(staff: StaffDoc, storeId: string): void {
  if (!worksAt(staff, storeId)) throw new AppError('FORBIDDEN', '这笔订单不属于您负责的门店，请联系该门店或总部处理')
}
