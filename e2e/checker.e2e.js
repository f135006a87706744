// The browser check catches what it promises to: a deliberately broken page (an image from
// another origin, a 20 px button, an English message, a raw code, a too-wide box) fails with
// each of those named, and a page that follows the rules passes. Without this, a check that
// could never fail would keep every page "green".
const { guardOrigin, checkPage } = require('./check')

const PHONE = { width: 390, height: 844 }

const GOOD = `<!doctype html><meta charset="utf-8"><body style="margin:0;font:16px sans-serif">
  <p>余额明细</p><button style="width:120px;height:48px">充值</button>
  <div style="width:100%;height:44px;cursor:pointer">查看完整协议</div></body>`

const BROKEN = `<!doctype html><meta charset="utf-8"><body style="margin:0;font:16px sans-serif">
  <img src="https://cdn.example.com/empty.png" width="40" height="40">
  <button style="width:20px;height:20px;padding:0">去</button>
  <p>amount: Number must be greater than 0</p>
  <p>出错了（BALANCE_CAP_EXCEEDED）</p>
  <div style="width:600px;height:10px;background:#eee"></div></body>`

async function problemsOf(page, base, html, path) {
  await page.unrouteAll({ behavior: 'ignoreErrors' })
  const external = await guardOrigin(page, base, null)
  // serve the fixture from the app's own origin, as the real pages are
  await page.route(`${base}${path}`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }))
  await page.goto(`${base}${path}`, { waitUntil: 'load' })
  return checkPage(page, external)
}

module.exports = async function ({ page, base, shot }) {
  await page.setViewportSize(PHONE)
  const good = await problemsOf(page, base, GOOD, '/__check-good')
  if (good.length) throw new Error(`a page that follows the rules was refused: ${JSON.stringify(good)}`)

  const broken = await problemsOf(page, base, BROKEN, '/__check-broken')
  await shot('checker-broken-page')
  const kinds = new Set(broken.map((p) => p.kind))
  const expected = ['external-request', 'tap-target', 'english', 'raw-code', 'overflow']
  const missed = expected.filter((k) => !kinds.has(k))
  if (missed.length) throw new Error(`the broken page passed the check for: ${missed.join(', ')} (found ${JSON.stringify(broken)})`)
  const english = broken.filter((p) => p.kind === 'english').map((p) => p.detail)
  if (!english.some((d) => d.includes('"Number"'))) throw new Error(`the English message was not named: ${english}`)
  if (!broken.some((p) => p.kind === 'tap-target' && p.detail.includes('20×20'))) throw new Error('the 20 px button was not named')
  if (!broken.some((p) => p.kind === 'external-request' && p.detail.includes('cdn.example.com'))) throw new Error('the external image was not named')
  console.log(`      broken page refused for: ${[...kinds].join(', ')}`)
}
