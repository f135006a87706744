import type { HistoryItem, HistoryPage, WalletBalance, WalletEvent } from '../../contracts/api'
import { callFunction } from './call'

const call = <T>(event: WalletEvent) => callFunction<WalletEvent, T>('wallet', event)

/** Cloud function `wallet`: the signed-in member's balance and history. */
export const wallet = {
  balance: () => call<WalletBalance>({ action: 'balance' }),
  history: (cursor?: string, limit?: number) =>
    call<HistoryPage>({ action: 'history', ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) }),
  entry: (id: string) => call<HistoryItem>({ action: 'entry', id })
}
