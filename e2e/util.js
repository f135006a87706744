// Taro's H5 router keeps earlier pages in the DOM (hidden), so ids repeat across pages:
// always read the visible one.
async function visibleText(page, selector, re, timeout = 10000) {
  const loc = page.locator(`${selector} >> visible=true`).first()
  const until = Date.now() + timeout
  let last = ''
  while (Date.now() < until) {
    last = ((await loc.textContent({ timeout: 1000 }).catch(() => '')) || '').trim()
    if (re.test(last)) return last
    await page.waitForTimeout(100)
  }
  throw new Error(`${selector} never matched ${re}; last text "${last}"`)
}

module.exports = { visibleText }
