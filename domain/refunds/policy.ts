import type { SplitMode } from '../lots'

/**
 * How a merchant refunds stored value (domain rules B8, D2, D3). Per merchant, because the
 * cooling-off length and who approves are business choices within the law.
 */
export interface RefundPolicy {
  /** days after a recharge in which its principal comes back on request (B8; default 7, 0 = none) */
  coolingOffDays: number
  /**
   * how the principal left in a lot is computed after the window (D2): `proportional` is the
   * court-safe default (Dongguan 2024, Jinshan 2023); the others are allowed but shown to the
   * merchant with their consequence.
   */
  split: SplitMode
  /** who lets a refund go out: `auto` sends it at once, `staff` waits for approval */
  approval: { withinCoolingOff: 'auto' | 'staff'; afterCoolingOff: 'auto' | 'staff' }
}

export const DEFAULT_REFUND_POLICY: RefundPolicy = {
  coolingOffDays: 7,
  split: 'proportional',
  approval: { withinCoolingOff: 'auto', afterCoolingOff: 'staff' }
}

export class RefundError extends Error {
  constructor(
    readonly code: 'BAD_LOT' | 'BAD_REFUND_ID' | 'UNKNOWN_PAYMENT' | 'BAD_POLICY',
    message: string
  ) {
    super(message)
    this.name = 'RefundError'
  }
}

export function assertPolicy(p: RefundPolicy): void {
  if (!Number.isSafeInteger(p.coolingOffDays) || p.coolingOffDays < 0 || p.coolingOffDays > 366) {
    throw new RefundError('BAD_POLICY', `coolingOffDays must be a whole number of days 0..366, not ${p.coolingOffDays}`)
  }
}
