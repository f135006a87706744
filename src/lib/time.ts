/** Times are shown in China time whatever the device's zone (the product runs in Asia/Shanghai). */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

/** ISO timestamp → "2026-11-23 14:05"; unparseable input is shown as it came. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const d = new Date(t + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** The Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
export function shanghaiDay(at: Date): string {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/**
 * The latest day whose WeChat Pay trade bill is out: yesterday from 10:00 (Shanghai), else the
 * day before (bills appear at 10:00 the next day; docs/reconciliation.md).
 */
export function lastBillDay(at: Date): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  const back = local.getUTCHours() >= 10 ? 1 : 2
  return shanghaiDay(new Date(at.getTime() - back * 24 * 3600 * 1000))
}

/** ISO timestamp → "2026-11-23" (China date). With an exclusive end instant, say "…前有效". */
export function formatDate(iso: string): string {
  return formatTime(iso).slice(0, 10)
}
