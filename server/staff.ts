import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import { AppError } from './errors'
import { allows, STAFF_ROLES, type PermittedAction, type StaffRole } from './permissions'

export type { StaffRole } from './permissions'

/** How a role is stored: the three roles, or 'admin' from before roles had store scope (read as hq_admin). */
export type StoredStaffRole = StaffRole | 'admin'

/** A staff record as stored in the `staff` collection, keyed by openid. */
export interface StoredStaffDoc {
  _id: string // openid
  name: string
  role: StoredStaffRole
  /** stores this person works for; 'all' for HQ */
  stores: 'all' | string[]
}

/** A staff member as every check sees them: the role already read (never 'admin'). */
export interface StaffDoc extends StoredStaffDoc {
  role: StaffRole
}

export const readRole = (role: StoredStaffRole): StaffRole => (role === 'admin' ? 'hq_admin' : role)

function asStaff(data: unknown): StaffDoc | null {
  const doc = data as StoredStaffDoc | null
  if (!doc) return null
  const role = readRole(doc.role)
  // an unknown role (a typo in the console) grants nothing
  if (!STAFF_ROLES.includes(role)) return null
  return { ...doc, role }
}

export async function readStaff(openid: string): Promise<StaffDoc | null> {
  const { data } = await database().collection(C.staff).doc(openid).get()
  return asStaff(data)
}

/**
 * Staff are listed in the `staff` collection by openid (HQ adds them in the console or from the
 * merchant file). Anyone else is refused, whatever the event says. `roles` may name 'admin' (as
 * code written before the permission table did): it means hq_admin.
 */
export async function requireStaff(openid: string, roles: readonly StoredStaffRole[] = STAFF_ROLES): Promise<StaffDoc> {
  const staff = await readStaff(openid)
  if (!staff || !roles.map(readRole).includes(staff.role)) throw new AppError('FORBIDDEN', '仅限店员使用')
  return staff
}

/**
 * The check every ops action goes through (cloudfunctions/ops): the caller is staff, and their
 * role may do `action` by the permission table (server/permissions.ts).
 */
export async function authorize(openid: string, action: PermittedAction): Promise<StaffDoc> {
  const staff = await readStaff(openid)
  if (!staff) throw new AppError('FORBIDDEN', '仅限店员使用')
  if (!allows(staff.role, action)) throw new AppError('FORBIDDEN', '您的岗位不能进行这项操作，请联系店长或总部')
  return staff
}

/** Whether `storeId`'s records are this person's to see and act on: HQ sees every store. */
export function worksAt(staff: StaffDoc, storeId: string): boolean {
  if (staff.role === 'hq_admin' || staff.stores === 'all') return true
  return Array.isArray(staff.stores) && staff.stores.includes(storeId)
}

/** The stores whose records this person sees: 'all', or a list. */
export const scopeOf = (staff: StaffDoc): 'all' | string[] => (staff.role === 'hq_admin' || staff.stores === 'all' ? 'all' : [...staff.stores])

/**
 * Every staff action on a record checks the record's own store (issue 8 item 5): a cashier of
 * one store may not act on another store's orders, whatever id the event names.
 */
export function requireStore(staff: StaffDoc, storeId: string): void {
  if (!worksAt(staff, storeId)) throw new AppError('FORBIDDEN', '这笔订单不属于您负责的门店，请联系该门店或总部处理')
}
