// Stored value journey: a demo user recharges 300 on 充300送50; the wallet shows 350 and the entry.
module.exports = async function ({ page, base, shot }) {
  await page.goto(base, { waitUntil: 'load' })
  await page.locator('#dev-user-current').waitFor({ timeout: 20000 })
  await page.locator('#dev-user-demo-customer').click()
  await page.waitForFunction(() => /小王/.test(document.querySelector('#dev-user-current')?.textContent || ''), null, { timeout: 10000 })
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

  await page.waitForFunction(() => /充值成功/.test(document.querySelector('#result-state')?.textContent || ''), null, { timeout: 20000 })
  await shot('recharge-result')
  await page.goto(`${base}/#/pages/wallet/index`, { waitUntil: 'load' })
  await page.waitForFunction(() => /350\.00/.test(document.querySelector('#balance-total')?.textContent || ''), null, { timeout: 10000 })
  await page.locator('#history-list .history-item').first().waitFor({ timeout: 10000 })
  const item = await page.locator('#history-list .history-item').first().textContent()
  if (!/充值/.test(item) || !/350\.00/.test(item)) throw new Error(`history entry should show the recharge of 350.00, saw "${item}"`)
  await shot('wallet')
}
