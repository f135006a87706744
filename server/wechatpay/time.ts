/** WeChat Pay writes times as RFC 3339 in China Standard Time, e.g. 2018-06-08T10:34:56+08:00. */
export function rfc3339Shanghai(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime()
  // Shift the instant by +8 h and print it as if it were UTC; China has no DST.
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`
}
