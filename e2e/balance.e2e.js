// Foundation journey: open the app, switch the demo user, see that user's balance.
module.exports = async function ({ page, base, shot }) {
  await page.goto(base, { waitUntil: 'load' })
  await page.locator('#balance-total').waitFor({ timeout: 20000 })
  await page.locator('#dev-user-current').waitFor()
  await shot('home')
  await page.locator('#dev-user-demo-customer-2').click()
  await page.waitForFunction(() => /小李/.test(document.querySelector('#dev-user-current')?.textContent || ''), null, { timeout: 10000 })
  const total = (await page.locator('#balance-total').textContent()).trim()
  if (!/0\.00/.test(total)) throw new Error(`second customer should start at 0.00, saw "${total}"`)
  await shot('home-second-customer')
}
