/**
 * Server code runs in Asia/Shanghai like the product's cloud functions (domain-rules: dayjs,
 * Asia/Shanghai). This proves the zone reaches V8's clock, not just a copy of process.env.
 */
it('local dates are Asia/Shanghai (UTC+8, no daylight saving) in the node tests', () => {
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Asia/Shanghai')
  expect(new Date(2026, 0, 1).toISOString()).toBe('2025-12-31T16:00:00.000Z')
  expect(new Date('2026-07-01T00:00:00Z').getTimezoneOffset()).toBe(-480)
  expect(new Date('2026-06-30T16:00:00Z').getHours()).toBe(0)
})
