import { type Fen, fen, MoneyError } from '../money'
import { type AccountRef, accounts, shardOf } from './accounts'

/** One line of a journal transaction: + credits the account, − debits it. */
export interface Entry {
  account: string
  kind: AccountRef['kind']
  amount: Fen
}

/** `sale`: a bill's WeChat Pay part; `free_bill`: a bill the store gives away (充值免单), both in domain/ledger/bill.ts */
export type PostingKind = 'recharge' | 'spend' | 'refund' | 'adjust' | 'sale' | 'free_bill'

/**
 * A journal transaction before it is written. `id` is the idempotency key (for a recharge,
 * derived from our out_trade_no), so a replay of the same event can never post twice.
 */
export interface Posting {
  id: string
  kind: PostingKind
  memberId: string | null
  storeId: string | null
  entries: Entry[]
  memo: string
  refs: Record<string, string>
  /** a spend's draws, lot by lot, with the revenue each recognised (see spend.ts) */
  lots?: PostedDraw[]
}

/** One lot's part of a spend as the journal keeps it. */
export interface PostedDraw {
  lotId: string
  principal: Fen
  bonus: Fen
  /** revenue recognised on this draw: its share of the lot's paid/(paid+bonus) */
  revenue: Fen
}

export class UnbalancedPosting extends MoneyError {}

/** Entries must sum to zero, be non-zero integers, and touch each account once. */
export function assertBalanced(entries: readonly Entry[]): void {
  if (entries.length < 2) throw new UnbalancedPosting('a posting needs at least two entries')
  let total = 0
  const seen = new Set<string>()
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amount) || e.amount === 0) {
      throw new UnbalancedPosting(`entry for ${e.account} has a bad amount ${e.amount}`)
    }
    if (seen.has(e.account)) throw new UnbalancedPosting(`account ${e.account} appears twice`)
    seen.add(e.account)
    total += e.amount
  }
  if (total !== 0) throw new UnbalancedPosting(`entries sum to ${total}, not zero`)
}

export function entry(ref: AccountRef, amount: number): Entry {
  return { account: ref.id, kind: ref.kind, amount: fen(amount) }
}

export interface RechargeFacts {
  outTradeNo: string
  transactionId: string
  openid: string
  storeId: string
  pay: Fen
  bonus: Fen
  /** shards per store account (default STORE_ACCOUNT_SHARDS); the shard follows from outTradeNo */
  shards?: number
}

/** Idempotency key of the posting that credits a recharge order. */
export const rechargePostingId = (outTradeNo: string) => `recharge:${outTradeNo}`

/**
 * 充值入账: the paid amount lands in the store's fund account and becomes the member's
 * principal; the bonus is the store's promotion cost and becomes the member's bonus. The store
 * side posts to one shard of each store account, picked by the out_trade_no.
 */
export function rechargePosting(f: RechargeFacts): Posting {
  if (f.pay <= 0) throw new MoneyError('a recharge pays a positive amount')
  if (f.bonus < 0) throw new MoneyError('a bonus cannot be negative')
  const shard = shardOf(f.outTradeNo, f.shards)
  const entries = [entry(accounts.storeFund(f.storeId, shard), -f.pay), entry(accounts.memberPrincipal(f.openid), f.pay)]
  if (f.bonus > 0) {
    entries.push(entry(accounts.storePromo(f.storeId, shard), -f.bonus), entry(accounts.memberBonus(f.openid), f.bonus))
  }
  assertBalanced(entries)
  return {
    id: rechargePostingId(f.outTradeNo),
    kind: 'recharge',
    memberId: f.openid,
    storeId: f.storeId,
    entries,
    memo: '储值充值',
    refs: { outTradeNo: f.outTradeNo, transactionId: f.transactionId }
  }
}
