import { type Fen, fen, allocate, MoneyError } from './money'

/**
 * A recharge lot (充值批次): what one paid recharge put into the wallet, and what of it is
 * left. Principal and bonus are tracked per lot because refunds return principal to the
 * lot's own WeChat Pay transaction, and courts price consumption by each lot's ratio
 * (domain-rules D1, D2, E9).
 */
export interface LotBalance {
  id: string
  principalLeft: Fen
  bonusLeft: Fen
  /** ISO instant the lot was paid; FIFO order */
  paidAt: string
}

/** How a spend is split between principal and bonus (domain-rules D2). */
export type SplitMode = 'proportional' | 'principal_first' | 'bonus_first'
export type LotOrder = 'fifo' | 'lifo'

export interface SpendPolicy {
  split: SplitMode
  order: LotOrder
}

export const DEFAULT_SPEND_POLICY: SpendPolicy = { split: 'proportional', order: 'fifo' }

export interface Draw {
  lotId: string
  principal: Fen
  bonus: Fen
}

export type SpendPlan =
  | { ok: true; draws: Draw[]; principal: Fen; bonus: Fen }
  | { ok: false; code: 'INSUFFICIENT_BALANCE'; available: Fen }

function ordered(lots: readonly LotBalance[], order: LotOrder): LotBalance[] {
  const open = lots.filter((l) => l.principalLeft + l.bonusLeft > 0)
  open.sort((a, b) => (a.paidAt === b.paidAt ? a.id.localeCompare(b.id) : a.paidAt < b.paidAt ? -1 : 1))
  return order === 'fifo' ? open : open.reverse()
}

/**
 * Plans which lots a spend of `amount` draws on. Pure and exact: the draws sum to `amount`,
 * no lot goes negative, and proportional draws keep each lot's principal:bonus ratio
 * (largest-remainder rounding, so fen never appear or vanish).
 */
export function planSpend(lots: readonly LotBalance[], amount: Fen, policy: SpendPolicy = DEFAULT_SPEND_POLICY): SpendPlan {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new MoneyError(`spend must be positive, got ${amount}`)
  const queue = ordered(lots, policy.order)
  const available = queue.reduce((s, l) => s + l.principalLeft + l.bonusLeft, 0)
  if (available < amount) return { ok: false, code: 'INSUFFICIENT_BALANCE', available: fen(available) }

  const draws: Draw[] = []
  if (policy.split === 'proportional') {
    let left = amount as number
    for (const lot of queue) {
      if (left === 0) break
      const take = Math.min(left, lot.principalLeft + lot.bonusLeft)
      const [p, b] = allocate(fen(take), [lot.principalLeft, lot.bonusLeft])
      draws.push({ lotId: lot.id, principal: p, bonus: b })
      left -= take
    }
  } else {
    // drain one kind across all lots, then the other
    const first: 'principal' | 'bonus' = policy.split === 'principal_first' ? 'principal' : 'bonus'
    const byLot = new Map<string, Draw>()
    let left = amount as number
    for (const kind of [first, first === 'principal' ? 'bonus' : 'principal'] as const) {
      for (const lot of queue) {
        if (left === 0) break
        const has = kind === 'principal' ? lot.principalLeft : lot.bonusLeft
        const take = Math.min(left, has)
        if (take === 0) continue
        const d = byLot.get(lot.id) ?? { lotId: lot.id, principal: fen(0), bonus: fen(0) }
        if (kind === 'principal') d.principal = fen(d.principal + take)
        else d.bonus = fen(d.bonus + take)
        byLot.set(lot.id, d)
        left -= take
      }
    }
    draws.push(...queue.map((l) => byLot.get(l.id)).filter((d): d is Draw => !!d))
  }
  const principal = fen(draws.reduce((s, d) => s + d.principal, 0))
  const bonus = fen(draws.reduce((s, d) => s + d.bonus, 0))
  return { ok: true, draws, principal, bonus }
}

/** Applies a plan's draws to the lots (returns new objects; lots are never mutated). */
export function applyDraws(lots: readonly LotBalance[], draws: readonly Draw[]): LotBalance[] {
  const byId = new Map(draws.map((d) => [d.lotId, d]))
  return lots.map((l) => {
    const d = byId.get(l.id)
    if (!d) return l
    const principalLeft = l.principalLeft - d.principal
    const bonusLeft = l.bonusLeft - d.bonus
    if (principalLeft < 0 || bonusLeft < 0) throw new MoneyError(`lot ${l.id} would go negative`)
    return { ...l, principalLeft: fen(principalLeft), bonusLeft: fen(bonusLeft) }
  })
}

export function lotTotals(lots: readonly LotBalance[]): { principal: Fen; bonus: Fen } {
  let principal = 0
  let bonus = 0
  for (const l of lots) {
    principal += l.principalLeft
    bonus += l.bonusLeft
  }
  return { principal: fen(principal), bonus: fen(bonus) }
}
