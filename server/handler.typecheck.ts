/**
 * Compile-time proof that the contracts bind (run by `npm run typecheck`, never executed): each
 * `@ts-expect-error` below must stay an error, so loosening a check makes typecheck fail.
 */
import { z } from 'zod'
import { defineContract } from '../contracts/define'
import { walletContract } from '../contracts/wallet'
import { rechargeContract, type RechargeEvent } from '../contracts/recharge'
import { memberFunction } from './handler'
import { historyEntry, walletBalance } from './wallet'

declare const balance: ReturnType<typeof walletBalance>
declare const entry: ReturnType<typeof historyEntry>

export const checks = [
  // a route answering the wrong shape
  memberFunction(walletContract, {
    // @ts-expect-error balance must answer a WalletBalance
    balance: async () => ({ total: 1 }),
    history: async () => ({ items: [], nextCursor: null }),
    entry: () => entry
  }),
  // an action without a route
  // @ts-expect-error entry has no route
  memberFunction(walletContract, { balance: () => balance, history: async () => ({ items: [], nextCursor: null }) }),
  // an amount that did not go through fen(): results carry the branded Fen
  memberFunction(walletContract, {
    // @ts-expect-error a plain number is not Fen
    balance: async () => ({ ...(await balance), total: 1 as number }),
    history: async () => ({ items: [], nextCursor: null }),
    entry: () => entry
  }),
  // an action object that is not strict would drop unknown fields silently
  // @ts-expect-error z.object is not z.strictObject
  defineContract<{ a: number }>()('x', z.discriminatedUnion('action', [z.object({ action: z.literal('a') })])),
  // an action of the schema without a declared result
  // @ts-expect-error the results lack action 'b'
  defineContract<{ a: number }>()('x', z.discriminatedUnion('action', [z.strictObject({ action: z.literal('a') }), z.strictObject({ action: z.literal('b') })])),
  // results declared for an action the schema does not have
  // @ts-expect-error the schema has no action 'b'
  defineContract<{ a: number; b: number }>()('x', z.discriminatedUnion('action', [z.strictObject({ action: z.literal('a') })]))
]

// the app's event type is the schema's input: a field the schema lacks does not compile
// @ts-expect-error openid is not an event field
export const withOpenid: RechargeEvent = { action: 'plans', openid: 'someone' }
export const contracts = [rechargeContract]
