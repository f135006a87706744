import type { WalletEvent, WalletResults } from '../../contracts/wallet'
import type { CouponList, MemberView, PointsPage } from '../../contracts/pending-issue10'
import { callFunction } from './call'

/** Types only from contracts/: the event is the schema's input, the answer the contract's result. */
const call = <A extends WalletEvent['action']>(event: Extract<WalletEvent, { action: A }>) =>
  callFunction<WalletEvent, WalletResults[A]>('wallet', event)

// the member actions [members] are typed from contracts/pending-issue10.ts until contracts/wallet.ts has them
type MemberEvent = { action: 'member' } | { action: 'acceptTerms'; version: string } | { action: 'coupons' } | { action: 'points'; cursor?: string }
const member = <T>(event: MemberEvent) => callFunction<MemberEvent, T>('wallet', event)

/** Cloud function `wallet`: the signed-in member's balance, history, tier, coupons and points. */
export const wallet = {
  balance: () => call({ action: 'balance' }),
  history: (cursor?: string, limit?: number) =>
    call({ action: 'history', ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) }),
  entry: (id: string) => call({ action: 'entry', id }),
  member: () => member<MemberView>({ action: 'member' }),
  acceptTerms: (version: string) => member<MemberView>({ action: 'acceptTerms', version }),
  coupons: () => member<CouponList>({ action: 'coupons' }),
  points: (cursor?: string) => member<PointsPage>({ action: 'points', ...(cursor ? { cursor } : {}) })
}
