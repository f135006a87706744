import type { WalletEvent, WalletResults } from '../../contracts/wallet'
import { callFunction } from './call'

/** Types only from contracts/: the event is the schema's input, the answer the contract's result. */
const call = <A extends WalletEvent['action']>(event: Extract<WalletEvent, { action: A }>) =>
  callFunction<WalletEvent, WalletResults[A]>('wallet', event)

/** Cloud function `wallet`: the signed-in member's balance, history, tier, coupons and points. */
export const wallet = {
  balance: () => call({ action: 'balance' }),
  history: (cursor?: string, limit?: number) =>
    call({ action: 'history', ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) }),
  entry: (id: string) => call({ action: 'entry', id }),
  member: () => call({ action: 'member' }),
  acceptTerms: (version: string) => call({ action: 'acceptTerms', version }),
  coupons: () => call({ action: 'coupons' }),
  points: (cursor?: string) => call({ action: 'points', ...(cursor ? { cursor } : {}) }),
  /** `code`: what WeChat's phone button (open-type getPhoneNumber) gave the page */
  bindPhone: (code: string) => call({ action: 'bindPhone', code })
}
