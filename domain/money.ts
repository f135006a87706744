/**
 * Money is integer fen (分), always. `Fen` is a branded number so that a yuan amount or a
 * float cannot be passed where fen are expected without going through `fen()`.
 */
declare const fenBrand: unique symbol
export type Fen = number & { readonly [fenBrand]: true }

export class MoneyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MoneyError'
  }
}

/** Accepts a safe integer number of fen; anything else is a programming error. */
export function fen(n: number): Fen {
  if (!Number.isSafeInteger(n)) throw new MoneyError(`not an integer amount of fen: ${n}`)
  return n as Fen
}

export const ZERO = 0 as Fen

export function isFen(n: unknown): n is Fen {
  return typeof n === 'number' && Number.isSafeInteger(n)
}

export function add(...xs: Fen[]): Fen {
  let s = 0
  for (const x of xs) s += x
  return fen(s)
}

export function sub(a: Fen, b: Fen): Fen {
  return fen(a - b)
}

export function neg(a: Fen): Fen {
  return fen(-a)
}

export function sum(xs: readonly Fen[]): Fen {
  return add(...xs)
}

/** a × num / den, rounded down, computed without floats (BigInt for large products). */
export function mulDivFloor(a: Fen, num: number, den: number): Fen {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) {
    throw new MoneyError(`bad ratio ${num}/${den}`)
  }
  const q = (BigInt(a) * BigInt(num)) / BigInt(den)
  // BigInt division truncates toward zero; floor for negatives
  const r = (BigInt(a) * BigInt(num)) % BigInt(den)
  return fen(Number(r < 0n ? q - 1n : q))
}

/**
 * Splits `total` across `weights` in proportion, exactly: the parts sum to `total`.
 * Largest-remainder method; ties go to the earlier weight, so the result is deterministic.
 * Weights are non-negative integers (fen balances); all-zero weights are refused.
 */
export function allocate(total: Fen, weights: readonly number[]): Fen[] {
  if (total < 0) return allocate(neg(total), weights).map(neg)
  const w = weights.map((x) => {
    if (!Number.isSafeInteger(x) || x < 0) throw new MoneyError(`bad weight ${x}`)
    return BigInt(x)
  })
  const W = w.reduce((a, b) => a + b, 0n)
  if (W === 0n) throw new MoneyError('cannot allocate over zero weights')
  const T = BigInt(total)
  const base = w.map((x) => (T * x) / W)
  const rem = w.map((x, i) => ({ i, r: (T * x) % W }))
  let left = T - base.reduce((a, b) => a + b, 0n)
  rem.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  for (const { i } of rem) {
    if (left === 0n) break
    base[i] += 1n
    left -= 1n
  }
  return base.map((x) => fen(Number(x)))
}

/** "¥350.00" style display; only for people, never parsed back. */
export function formatYuan(a: Fen): string {
  const sign = a < 0 ? '-' : ''
  const abs = Math.abs(a)
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
