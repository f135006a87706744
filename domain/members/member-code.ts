/**
 * Member codes (会员码): 8 digits a member reads out to staff, unique per merchant.
 *
 * Derived from a hash of the openid, not from a counter: a counter would be one document every
 * first recharge writes (all new members queue on it), and consecutive codes would let anyone
 * guess other members' codes. The server reserves a code by creating `member_codes/<code>`;
 * on a collision (another member holds it) it takes the next candidate, `attempt` 1, 2, …
 */
import { createHash } from 'crypto'

export const MEMBER_CODE = /^[1-9]\d{7}$/

/** 10000000..99999999: no leading zero, so the code survives a spreadsheet. */
export function memberCodeCandidate(openid: string, attempt: number): string {
  const h = createHash('sha256').update(`member-code\n${openid}\n${attempt}`).digest()
  return String(10_000_000 + (h.readUInt32BE(0) % 90_000_000))
}
