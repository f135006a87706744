import { useTestStack } from '../test/stack'
import { database } from './cloud'
import { COLLECTIONS as C } from './db/indexes'
import { AppError } from './errors'
import { DEFAULT_CASHIER_APPROVE_MAX, PERMISSIONS, allows, assertMayApprove, refundApprovalMax } from './permissions'
import { authorize, requireStaff, scopeOf, worksAt, type StaffDoc } from './staff'

useTestStack(() => {})

const put = (openid: string, data: Record<string, unknown>) => database().collection(C.staff).doc(openid).set({ data })
const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)))

describe('the staff records decide the role', () => {
  it("reads a stored 'admin' as hq_admin, with every store", async () => {
    await put('perm-legacy', { name: '老总部', role: 'admin', stores: 'all' })
    const staff = await authorize('perm-legacy', 'memberFind')
    expect(staff.role).toBe('hq_admin')
    expect(worksAt(staff, 'store-anything')).toBe(true)
    // code written before the table (requireStaff(openid, ['cashier', 'admin'])) still lets HQ in
    expect((await requireStaff('perm-legacy', ['cashier', 'admin'])).role).toBe('hq_admin')
  })

  it('grants nothing to an unknown role or to someone not on the list', async () => {
    await put('perm-typo', { name: '拼错', role: 'manager', stores: ['store-xuhui'] })
    expect(await code(authorize('perm-typo', 'attention'))).toBe('FORBIDDEN')
    expect(await code(requireStaff('perm-typo'))).toBe('FORBIDDEN')
    expect(await code(authorize('perm-nobody', 'attention'))).toBe('FORBIDDEN')
  })

  it("refuses a role the table does not list for the action, and lets the listed ones in", async () => {
    await put('perm-cashier', { name: '收银', role: 'cashier', stores: ['store-xuhui'] })
    expect(await code(authorize('perm-cashier', 'memberDetail'))).toBe('ok')
    expect(allows('cashier', 'reconRun')).toBe(false)
    expect(await code(authorize('perm-cashier', 'reconRun'))).toBe('FORBIDDEN')
    expect(await code(authorize('demo-manager', 'storeCode'))).toBe('ok')
    expect(await code(authorize('demo-manager', 'liabilityReport'))).toBe('FORBIDDEN')
    expect(await code(authorize('demo-admin', 'payoutComplete'))).toBe('ok')
  })

  it('the demo store manager works at 徐汇店 only', async () => {
    const manager = await authorize('demo-manager', 'attention')
    expect(manager).toMatchObject({ role: 'store_manager', name: '店长 小陈' })
    expect(scopeOf(manager)).toEqual(['store-xuhui'])
    expect(worksAt(manager, 'store-jingan')).toBe(false)
  })
})

describe('per-role limits', () => {
  const cashier = { role: 'cashier' } as StaffDoc
  it("limits a cashier's approvals to the merchant's cashier limit (default ¥500); managers and HQ have none", () => {
    expect(refundApprovalMax('cashier', null)).toBe(DEFAULT_CASHIER_APPROVE_MAX)
    expect(DEFAULT_CASHIER_APPROVE_MAX).toBe(50_000)
    expect(refundApprovalMax('cashier', { refund: { cashierApproveMax: 20_000 } })).toBe(20_000)
    expect(refundApprovalMax('store_manager', { refund: { cashierApproveMax: 20_000 } })).toBeNull()
    expect(refundApprovalMax('hq_admin', null)).toBeNull()
    expect(() => assertMayApprove(cashier.role, 50_000, null)).not.toThrow()
    expect(() => assertMayApprove(cashier.role, 50_001, null)).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('500.00元') }))
    expect(() => assertMayApprove('store_manager', 10_000_000, null)).not.toThrow()
  })

  it('every role the table names exists, and HQ may do everything', () => {
    for (const [action, roles] of Object.entries(PERMISSIONS)) {
      expect(roles.length).toBeGreaterThan(0)
      expect(roles).toContain('hq_admin')
      for (const r of roles) expect(['cashier', 'store_manager', 'hq_admin']).toContain(r)
      expect(action).toMatch(/^[a-z][A-Za-z]+$/)
    }
  })
})
