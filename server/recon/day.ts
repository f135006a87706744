import { addDays, shanghaiDate, shanghaiDayStart, TimeError } from '../../domain/time'
import { AppError } from '../errors'

/**
 * Which days can be reconciled. WeChat Pay cuts its trade bill at 00:00 Beijing time and makes
 * day D's bill available from 10:00 on D + 1 ("商户需在次日10点后…下载账单",
 * pay.weixin.qq.com/docs/merchant/products/bill-download/concept.html); the API serves bills of
 * the last three months only (申请交易账单 "仅支持三个月内的账单下载申请").
 */
export const BILL_READY_HOURS = 10
/** three months, read as the shortest three months there are (89 days) so a request is never refused for age */
export const BILL_KEPT_DAYS = 89

const HOUR_MS = 3600_000

/** The instant day D's bill is available: 10:00 Shanghai on D + 1. */
export function billReadyAt(day: string): Date {
  return new Date(addDays(shanghaiDayStart(day), 1).getTime() + BILL_READY_HOURS * HOUR_MS)
}

/** The Shanghai day [start, end) a bill covers. */
export function dayWindow(day: string): { start: Date; end: Date } {
  const start = shanghaiDayStart(day)
  return { start, end: addDays(start, 1) }
}

/** The day before `at`'s Shanghai date: what the daily run reconciles. */
export function previousDay(at: Date): string {
  return shanghaiDate(addDays(at, -1))
}

/** Refuses a day whose bill does not exist yet, or no longer, with a code and Chinese words staff understand. */
export function requireBillDay(day: string, at: Date): void {
  try {
    shanghaiDayStart(day)
  } catch (e) {
    if (e instanceof TimeError) throw new AppError('INVALID_INPUT', '没有这个日期，请重新选择日期')
    throw e
  }
  if (at.getTime() < billReadyAt(day).getTime()) throw new AppError('BILL_NOT_READY', `微信支付的账单次日10点后生成，${day} 的账单还不能下载，请稍后再对账`)
  if (shanghaiDayStart(day).getTime() < addDays(shanghaiDayStart(shanghaiDate(at)), -BILL_KEPT_DAYS).getTime()) {
    throw new AppError('INVALID_INPUT', '微信支付只提供三个月内的账单，请选择更近的日期')
  }
}
