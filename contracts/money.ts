import { z } from 'zod'
import type { Fen } from '../domain/money'

/**
 * The one `Fen`: domain/money.ts's branded integer of fen. Results carry it, so the server can
 * only answer amounts that went through `fen()` or domain arithmetic; the app reads them as
 * numbers. Events carry plain numbers (what a page sends), and `money` below turns them into
 * `Fen` once checked. See docs/api.md "Amounts".
 */
export type { Fen }

/**
 * The largest amount any event may carry: 99,999,999.99 元, the most the amount field lets a
 * member type (src/services/amount.ts). Far above any stored-value cap (domain rules A3: 5,000 元)
 * and far below Number.MAX_SAFE_INTEGER, so no accepted amount can make `fen()` throw later.
 */
export const MAX_FEN = 9_999_999_999

const asFen = (n: number) => n as Fen

/**
 * Every amount in data the merchant configures (merchant.json, scripts/deploy/merchant.ts): an
 * integer of fen no larger than MAX_FEN either way. Its sign is the domain validators' call
 * (domain/offers/validate.ts), which word it for the merchant.
 */
export const fenAmount = z.number().int().min(-MAX_FEN).max(MAX_FEN).transform(asFen)

/**
 * Every money field of every event: a positive integer of fen, at most MAX_FEN. Its messages are
 * the ones a member sees (INVALID_INPUT), so they are Chinese and say what to do.
 */
export const money = z
  .number({ required_error: '请输入金额', invalid_type_error: '请输入正确的金额' })
  .int('金额最小单位为分，请重新输入')
  .positive('金额须大于0元，请重新输入')
  .max(MAX_FEN, '金额过大，请输入不超过99999999.99元的金额')
  .transform(asFen)
