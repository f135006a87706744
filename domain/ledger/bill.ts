/**
 * Postings of bills that are not simply paid from the balance (issue 10):
 *
 * - a **mixed payment** (余额 + 微信支付): the balance part is HELD while the WeChat Pay part is
 *   unpaid, two-phase like a refund (refund.ts):
 *     hold     member principal/bonus → the member's spend-hold account   (at checkout.pay)
 *     settle   spend-hold → store revenue / bonus redeemed  (spendPosting with fromHold, when paid)
 *     release  spend-hold → member principal/bonus, as they were          (the order closes unpaid)
 *   and the WeChat Pay part is a `sale`: cash into the store's sales-cash account, revenue out.
 *   Why a hold posting and not a flag: the held value leaves the spendable accounts and the lots
 *   in the same transaction, so it can be spent only once, and reconcile (lots = member accounts)
 *   holds at every step.
 *   Why sales cash and not the stored-value fund: the fund account is the custody of pre-collected
 *   money (预收资金, A8/A9: custody percentages and the revenue-ratio limit are computed on it);
 *   a bill paid by WeChat Pay is an ordinary sale, settled at once, never owed to the member, so
 *   putting it in the fund would overstate what must be kept in custody.
 * - **充值免单**: the bill the store gives away is its promotion cost, recognised as revenue of
 *   the bill (store_promo debit → store_revenue credit), and touches no member account.
 */
import { MoneyError, type Fen } from '../money'
import { accounts, shardOf } from './accounts'
import { assertBalanced, entry, type Entry, type Posting } from './posting'

export const spendHoldId = (paymentId: string) => `spend-hold:${paymentId}`
export const spendReleaseId = (paymentId: string) => `spend-release:${paymentId}`
export const salePostingId = (outTradeNo: string) => `sale:${outTradeNo}`
export const freeBillPostingId = (paymentId: string) => `free-bill:${paymentId}`

export interface HeldSpend {
  paymentId: string
  requestId: string
  openid: string
  storeId: string
  principal: Fen
  bonus: Fen
}

const nonZero = (es: Entry[]) => es.filter((e) => e.amount !== 0)

function checkHeld(h: HeldSpend): void {
  const ok = [h.principal, h.bonus].every((x) => Number.isSafeInteger(x) && x >= 0) && h.principal + h.bonus > 0
  if (!ok) throw new MoneyError(`hold of ${h.paymentId} must take a positive amount`)
}

/** The balance part of a mixed payment leaves the spendable balance into the member's spend hold. */
export function spendHoldPosting(h: HeldSpend): Posting {
  checkHeld(h)
  const entries = nonZero([
    entry(accounts.memberPrincipal(h.openid), -h.principal),
    entry(accounts.memberBonus(h.openid), -h.bonus),
    entry(accounts.memberSpendHold(h.openid), h.principal + h.bonus)
  ])
  assertBalanced(entries)
  // kind spend: the member's history shows the bill (徐汇店 消费) from the moment the balance leaves
  return { id: spendHoldId(h.paymentId), kind: 'spend', memberId: h.openid, storeId: h.storeId, entries, memo: '余额消费（待微信支付）', refs: { paymentId: h.paymentId, requestId: h.requestId } }
}

/** The WeChat Pay part never came: the held value goes back as it was held. */
export function spendReleasePosting(h: HeldSpend): Posting {
  checkHeld(h)
  const entries = nonZero([
    entry(accounts.memberSpendHold(h.openid), -(h.principal + h.bonus)),
    entry(accounts.memberPrincipal(h.openid), h.principal),
    entry(accounts.memberBonus(h.openid), h.bonus)
  ])
  assertBalanced(entries)
  return { id: spendReleaseId(h.paymentId), kind: 'adjust', memberId: h.openid, storeId: h.storeId, entries, memo: '微信支付未完成，余额退回', refs: { paymentId: h.paymentId, requestId: h.requestId } }
}

export interface SaleFacts {
  outTradeNo: string
  transactionId: string
  paymentId: string
  storeId: string
  amount: Fen
  shards?: number
}

/** A bill's WeChat Pay part: cash received by the store for a sale, recognised as its revenue at once. */
export function salePosting(f: SaleFacts): Posting {
  if (!Number.isSafeInteger(f.amount) || f.amount <= 0) throw new MoneyError('a sale takes a positive amount')
  const shard = shardOf(f.paymentId, f.shards)
  const entries = [entry(accounts.storeSalesCash(f.storeId, shard), -f.amount), entry(accounts.storeRevenue(f.storeId, shard), f.amount)]
  assertBalanced(entries)
  // memberId null: nothing of the member's balance moves, so it is not in their wallet history
  return { id: salePostingId(f.outTradeNo), kind: 'sale', memberId: null, storeId: f.storeId, entries, memo: '微信支付收款', refs: { outTradeNo: f.outTradeNo, transactionId: f.transactionId, paymentId: f.paymentId } }
}

export interface FreeBillFacts {
  paymentId: string
  requestId: string
  openid: string
  storeId: string
  /** the bill at the member's price, given away */
  amount: Fen
  ruleId: string
  /** the recharge that earned it */
  outTradeNo: string
  shards?: number
}

/** 充值免单: the store's promotion pays the bill. The member is on the entry (their history shows it), no member account moves. */
export function freeBillPosting(f: FreeBillFacts): Posting {
  if (!Number.isSafeInteger(f.amount) || f.amount <= 0) throw new MoneyError('a free bill gives a positive amount')
  const shard = shardOf(f.paymentId, f.shards)
  const entries = [entry(accounts.storePromo(f.storeId, shard), -f.amount), entry(accounts.storeRevenue(f.storeId, shard), f.amount)]
  assertBalanced(entries)
  return {
    id: freeBillPostingId(f.paymentId),
    kind: 'free_bill',
    memberId: f.openid,
    storeId: f.storeId,
    entries,
    memo: '充值免单',
    refs: { paymentId: f.paymentId, requestId: f.requestId, outTradeNo: f.outTradeNo, ruleId: f.ruleId }
  }
}

