const { visibleText } = require('./util')

// Stored value journey: a demo user recharges 300 on 充300送50; the wallet shows 350 and the entry.
module.exports = async function ({ page, base, shot }) {
  await page.goto(base, { waitUntil: 'load' })
  await page.locator('#dev-user-current').waitFor({ timeout: 20000 })
  await page.locator('#dev-user-demo-customer').click()
  await visibleText(page, '#dev-user-current', /小王/)
  await page.locator('#go-recharge').click()
  await page.locator('#plan-p300').waitFor({ timeout: 10000 })
  await page.locator('#plan-p300').click()
  await page.locator('#agree').click()
  await shot('recharge')
  await page.locator('#pay-btn').click()

  // the WeChat Pay simulator's confirm screen, in place of wx.requestPayment
  const frame = page.frameLocator('iframe')
  await frame.locator('button:has-text("支付")').first().waitFor({ timeout: 10000 })
  await shot('pay-confirm')
  await frame.locator('button:has-text("支付")').first().click()

  await visibleText(page, '#result-state', /充值成功/, 20000)
  await page.waitForTimeout(500) // let the page transition finish before the screenshot
  await shot('recharge-result')
  await page.goto(`${base}/#/pages/wallet/index`, { waitUntil: 'load' })
  await visibleText(page, '#balance-total', /350\.00/)
  await visibleText(page, '#balance-principal', /300\.00/)
  await visibleText(page, '#balance-bonus', /50\.00/)
  const item = await visibleText(page, '#history-list .history-item', /充值/)
  if (!/充值/.test(item) || !/350\.00/.test(item)) throw new Error(`history entry should show the recharge of 350.00, saw "${item}"`)
  await shot('wallet')
}
