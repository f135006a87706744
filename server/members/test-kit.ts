/** Helpers for the membership integration tests: recharges through the real path, settings edits restored in `finally`. */
import type { TestStack } from '../../test/stack'
import { database } from '../cloud'
import { COLLECTIONS as C } from '../db/indexes'
import { SETTINGS_ID, type MerchantSettings } from '../merchant'
import type { MemberDoc } from '../collections'

/** Credits a recharge (plan or custom amount) through create, the simulator's payment and its notification. */
export async function recharge(s: TestStack, openid: string, what: { planId?: string; amount?: number }): Promise<string> {
  const order = await s.createOrder(openid, what)
  s.sim.pay(order.outTradeNo)
  await s.sim.idle()
  const o = await s.order(order.outTradeNo)
  if (o.status !== 'credited') throw new Error(`order ${order.outTradeNo} is ${o.status}`)
  return order.outTradeNo
}

export async function memberDoc(openid: string): Promise<MemberDoc> {
  return (await database().collection(C.members).doc(openid).get()).data as MemberDoc
}

export async function settings(): Promise<MerchantSettings> {
  return (await database().collection(C.settings).doc(SETTINGS_ID).get()).data as MerchantSettings
}

/** Runs `fn` with the settings changed by `change`; the stored settings are put back afterwards, even when `fn` throws. */
export async function withSettings<T>(change: (s: MerchantSettings) => Partial<MerchantSettings>, fn: () => Promise<T>): Promise<T> {
  const ref = database().collection(C.settings).doc(SETTINGS_ID)
  const before = await settings()
  const { _id, ...original } = before as MerchantSettings & { _id?: string }
  await ref.set({ data: { ...original, ...change(before) } })
  try {
    return await fn()
  } finally {
    await ref.set({ data: original })
  }
}

/**
 * For tests about something else (the ledger of a spend): members credited in this file get no
 * tier, so bills are charged as typed. Registered after useTestStack; nothing to put back: the
 * file's in-memory database goes with its stack.
 */
export function withoutTiersInThisFile(): void {
  beforeAll(async () => {
    await database().collection(C.settings).doc(SETTINGS_ID).update({ data: { tiers: database().command.remove() } })
  })
}
