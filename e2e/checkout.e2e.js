// Issue 10's two checkout journeys in the browser, on the real local cloud:
// (a) the demo 金卡 member 'demo-gold' (¥350 stored) pays a ¥120 bill at 徐汇店 at the 金卡
//     discount, sees the receipt and the new balance, and the spend (with its store) in the wallet;
// (b) a member with no balance types a bill, sees the recommendation, accepts it, pays the recharge
//     in the WeChat Pay simulator, and the bill is settled from the new balance (the receipt).
const { visibleText } = require('./util')

const PHONE = { width: 390, height: 844 }
const STORE = 'store-xuhui'
const CHECKOUT = `/packages/checkout/pages/index/index?storeId=${STORE}`

async function fn(base, openid, name, event) {
  const res = await fetch(`${base}/api/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(event)
  })
  return res.json()
}

async function typeBill(page, keys) {
  await page.locator('#keypad >> visible=true').waitFor({ timeout: 20000 })
  for (const k of keys) await page.locator(`${k === '.' ? '#key-dot' : `#key-${k}`} >> visible=true`).click()
}

async function goldPaysABill({ page, base, shot }) {
  await page.addInitScript(() => window.localStorage.setItem('chuzhi.devOpenid', 'demo-gold'))
  await page.goto(`${base}/#${CHECKOUT}`, { waitUntil: 'load' })
  await visibleText(page, '#checkout-store', /徐汇店/, 20000)
  await visibleText(page, '#tier-badge', /金卡/)
  await visibleText(page, '#quote-balance', /^¥350\.00$/)
  await typeBill(page, '120')
  await visibleText(page, '#bill-amount', /^¥120$/)
  // 金卡 pays 9折: the server's quote, not the page's arithmetic
  await visibleText(page, '#quote-tier-discount', /^-¥12\.00$/)
  await visibleText(page, '#quote-payable', /^¥108\.00$/)
  await shot('checkout-gold')
  await page.locator('#checkout-pay >> visible=true').click()
  await visibleText(page, '#receipt-state', /支付成功/, 20000)
  await visibleText(page, '#receipt-charged', /^¥108\.00$/)
  await visibleText(page, '#receipt-store', /徐汇店/)
  await visibleText(page, '#receipt-balance', /^¥242\.00$/)
  await page.waitForTimeout(300)
  await shot('checkout-gold-receipt')
  await page.goto(`${base}/#/pages/wallet/index`, { waitUntil: 'load' })
  await visibleText(page, '#balance-total', /^242\.00$/, 20000)
  const item = await visibleText(page, '#history-list .history-item', /消费/)
  if (!/徐汇店/.test(item) || !/-¥108\.00/.test(item)) throw new Error(`the wallet should list the spend at 徐汇店 of ¥108.00, saw "${item}"`)
}

async function newcomerAcceptsTheRecommendation({ page, base, shot }) {
  const openid = 'e2e-checkout-newcomer'
  await page.addInitScript((id) => window.localStorage.setItem('chuzhi.devOpenid', id), openid)
  await page.goto(`${base}/#${CHECKOUT}`, { waitUntil: 'load' })
  await visibleText(page, '#checkout-store', /徐汇店/, 20000)
  await typeBill(page, '120')
  await visibleText(page, '#quote-shortfall', /余额不足，还差¥/)
  await visibleText(page, '#recommend-best', /充/)
  await page.locator('#open-recommend >> visible=true').click()
  await page.locator('#recommend-sheet >> visible=true').waitFor()
  const offer = await visibleText(page, '#recommend-offer-0', /本单应付¥/)
  const payable = /本单应付(¥[\d,]+\.\d{2})/.exec(offer)[1]
  await page.locator('#recommend-agree >> visible=true').click()
  await page.waitForTimeout(400)
  await shot('checkout-recommend')
  await page.locator('#recommend-pay >> visible=true').click()
  const frame = page.frameLocator('iframe')
  await frame.locator('button:has-text("支付")').first().waitFor({ timeout: 10000 })
  await frame.locator('button:has-text("支付")').first().click()
  // the recharge is credited and the bill paid in the same transaction: the receipt names it
  await visibleText(page, '#receipt-state', /支付成功/, 30000)
  await visibleText(page, '#receipt-amount', /^¥120\.00$/)
  await visibleText(page, '#receipt-charged', new RegExp(`^${payable.replace(/[.$]/g, '\\$&')}$`))
  await page.waitForTimeout(300)
  await shot('checkout-recommend-receipt')
  // and the server agrees: the member's history has the recharge and the spend
  const history = await fn(base, openid, 'wallet', { action: 'history' })
  const kinds = history.data.items.map((i) => i.kind).sort()
  if (JSON.stringify(kinds) !== JSON.stringify(['recharge', 'spend'])) throw new Error(`history should hold one recharge and one spend, has ${JSON.stringify(kinds)}`)
}

module.exports = async function (ctx) {
  await ctx.page.setViewportSize(PHONE)
  await goldPaysABill(ctx)
  const page = await ctx.page.context().newPage()
  try {
    await page.setViewportSize(PHONE)
    await newcomerAcceptsTheRecommendation({ ...ctx, page, shot: (name) => page.screenshot({ path: require('path').join(ctx.out, `${name}.png`) }) })
  } finally {
    await page.close()
  }
}
