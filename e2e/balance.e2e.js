const { visibleText } = require('./util')

// Foundation journey: open the app, switch the demo user, see that user's balance.
module.exports = async function ({ page, base, shot }) {
  await page.goto(base, { waitUntil: 'load' })
  await page.locator('#balance-total').waitFor({ timeout: 20000 })
  await page.locator('#dev-user-current').waitFor()
  await shot('home')
  await page.locator('#dev-user-demo-customer-2').click()
  await visibleText(page, '#dev-user-current', /小李/)
  await visibleText(page, '#balance-total', /^0\.00$/)
  await shot('home-second-customer')
}
