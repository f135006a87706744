// The balance cap in the browser (issue 9 item 2). 小王 has ¥350 stored (recharge.e2e.js runs
// first). The recharge page shows one number, 最多可充值 (the server's cap.maxPay): that amount is
// accepted (the server creates the order and the WeChat Pay sheet opens), one fen more is refused
// on the page and by the server (BALANCE_CAP_EXCEEDED).
const { visibleText } = require('./util')

const PHONE = { width: 390, height: 844 }

// "¥4,430.00" → "4430.00" as typed by a member; and one fen more, by string arithmetic on fen
const typed = (shown) => shown.replace(/[¥,]/g, '')
const fenOf = (yuanText) => {
  const [i, d = ''] = yuanText.split('.')
  return Number(i) * 100 + Number(d.padEnd(2, '0'))
}
const yuanOf = (fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

async function typeAmount(page, text) {
  const input = page.locator('#custom-amount input >> visible=true').first()
  await input.fill('')
  await input.fill(text)
}

module.exports = async function ({ page, base, shot }) {
  await page.setViewportSize(PHONE)
  await page.addInitScript(() => window.localStorage.setItem('chuzhi.devOpenid', 'demo-customer'))
  await page.goto(`${base}/#/pages/recharge/index`, { waitUntil: 'load' })
  await page.locator('#plan-p300 >> visible=true').waitFor({ timeout: 20000 })

  const capText = await visibleText(page, '#cap-max', /最多可充值¥[\d,]+\.\d{2}/)
  const most = typed(/最多可充值(¥[\d,]+\.\d{2})/.exec(capText)[1])
  const oneFenMore = yuanOf(fenOf(most) + 1)

  // one fen more: the page refuses it and asks nothing
  await typeAmount(page, oneFenMore)
  await visibleText(page, '#custom-error', /超出余额上限/)
  // and so does the server, asked directly as the page would
  const refused = await page.evaluate(
    async ({ amount }) => {
      const res = await fetch('/api/fn/recharge', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'demo-customer' },
        body: JSON.stringify({ action: 'create', amount, agreementVersion: '2026-11-01' })
      })
      return res.json()
    },
    { amount: fenOf(oneFenMore) }
  )
  if (refused.ok || refused.error.code !== 'BALANCE_CAP_EXCEEDED') throw new Error(`one fen over maxPay was not refused by the server: ${JSON.stringify(refused)}`)

  // the most the page offers: quoted, and the server creates the order (the pay sheet opens)
  await typeAmount(page, most)
  await visibleText(page, '#custom-quote', /到账¥/)
  await page.locator('#agree >> visible=true').click()
  await shot('cap-most')
  await page.locator('#pay-btn >> visible=true').click()
  await page.frameLocator('iframe').locator('button:has-text("支付")').first().waitFor({ timeout: 10000 })
  await shot('cap-most-pay-sheet')
}
