import type { OpsAction } from '../contracts/ops'
import { fen, formatYuan } from '../domain/money'
import { AppError } from './errors'

/**
 * Who may do what at the staff desk: the ONE table every ops action is checked against
 * (docs/staff.md). Roles come from the `staff` collection, never from the event.
 *
 * - cashier (收银员): the till of their stores: looks members up, starts refunds, approves small
 *   ones (up to the merchant's cashier limit), returns balance payments.
 * - store_manager (店长): everything at their own stores, refunds of any size, the store's code
 *   and its fund statement.
 * - hq_admin (总部管理员): every store, and what only headquarters does: manual payouts, the
 *   liability report, running reconciliation.
 *
 * Store scope is separate: a role allows an action, then each action checks that the record it
 * touches belongs to one of the person's stores (server/staff.ts `requireStore`).
 */
export type StaffRole = 'cashier' | 'store_manager' | 'hq_admin'

export const STAFF_ROLES: readonly StaffRole[] = ['cashier', 'store_manager', 'hq_admin']

const ALL = ['cashier', 'store_manager', 'hq_admin'] as const
const MANAGERS = ['store_manager', 'hq_admin'] as const
const HQ = ['hq_admin'] as const

/** action → the roles allowed, one line for each of `A` (none missing, none extra). */
export type PermissionTable<A extends string> = { readonly [K in A]: readonly StaffRole[] }

/**
 * action → the roles allowed. Typed over every action of the ops contract: an action added to
 * contracts/ops.ts without a line here does not compile (server/permissions.typecheck.ts).
 */
export const PERMISSIONS = {
  attention: ALL,
  retryShipping: ALL,
  memberFind: ALL,
  memberDetail: ALL,
  // a refund is started at the till; approving is limited for cashiers (refundApprovalMax)
  refundStart: ALL,
  refundApprove: ALL,
  // saying no to a member's refund is a manager's decision
  refundReject: MANAGERS,
  // money leaves by bank transfer: headquarters' finance
  payoutComplete: HQ,
  // goods returned at the till: the balance payment goes back to its lots (A10)
  paymentReturn: ALL,
  fundStatement: MANAGERS,
  liabilityReport: HQ,
  reconRun: HQ,
  // the day's differences across the merchant's WeChat Pay account (server/recon)
  reconReport: HQ,
  // the stores a person works at (pickers), and a store's checkout code to print: the store's staff
  stores: ALL,
  storeCode: ALL
} as const satisfies PermissionTable<OpsAction>

export type PermittedAction = keyof typeof PERMISSIONS

export function allows(role: StaffRole, action: PermittedAction): boolean {
  return (PERMISSIONS[action] as readonly StaffRole[]).includes(role)
}

/** The cashier's refund approval limit when the merchant sets none (the demo's ¥500). */
export const DEFAULT_CASHIER_APPROVE_MAX = 50_000

/** What the merchant's settings say about refunds that matters here. */
export interface RefundApprovalSettings {
  refund?: { cashierApproveMax?: number }
}

/**
 * Per-role limits: the largest refund (fen) this role may approve; null = no limit. Cashiers are
 * limited by the merchant (settings.refund.cashierApproveMax), managers and HQ are not.
 */
export function refundApprovalMax(role: StaffRole, settings: RefundApprovalSettings | null): number | null {
  if (role !== 'cashier') return null
  const max = settings?.refund?.cashierApproveMax
  return typeof max === 'number' && Number.isSafeInteger(max) && max >= 0 ? max : DEFAULT_CASHIER_APPROVE_MAX
}

/** Refuses an approval above the role's limit (FORBIDDEN, nothing changes). */
export function assertMayApprove(role: StaffRole, amount: number, settings: RefundApprovalSettings | null): void {
  const max = refundApprovalMax(role, settings)
  if (max !== null && amount > max) {
    throw new AppError('FORBIDDEN', `收银员可审批的退款上限为${formatYuan(fen(max))}元，这笔退款请店长或总部审批`)
  }
}
