/**
 * Compile-time proof that the permission table binds (run by `npm run typecheck`, never
 * executed): each `@ts-expect-error` below must stay an error.
 */
import { z } from 'zod'
import { defineContract } from '../contracts/define'
import type { PermissionTable } from './permissions'
import { staffFunction } from './staff-function'

// @ts-expect-error an action without its roles
export const missing: PermissionTable<'attention' | 'memberFind'> = { attention: ['cashier'] }

// @ts-expect-error a role that does not exist
export const unknownRole: PermissionTable<'attention'> = { attention: ['admin'] }

const withUnlisted = defineContract<{ attention: null; notInTheTable: null }>()(
  'ops',
  z.discriminatedUnion('action', [z.strictObject({ action: z.literal('attention') }), z.strictObject({ action: z.literal('notInTheTable') })])
)

export const unlisted = staffFunction(
  // @ts-expect-error a staff function's actions must all be in the permission table
  withUnlisted,
  { attention: async () => null, notInTheTable: async () => null }
)
