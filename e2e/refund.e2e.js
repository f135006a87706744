// Issue 11 journey: 小李 recharges 充300送50 at 徐汇店 and pays a ¥100 bill there (her 银卡 tier
// may discount it: `charged`); eight days later (after the 7-day cooling-off window) she asks for
// a refund of the principal left under the proportional rule (¥214.29 when ¥100 is charged: the
// issue's example), waiting for staff. 徐汇店's cashier finds her by phone in 储值查询 and approves it; WeChat Pay
// (the simulator) refunds, and 小李's wallet shows the refund and explains it.
//
// Runs after balance.e2e.js (file order), which needs 小李 untouched.
//
// TODO(refund merge): the member's 退款 request goes through the `refund` function's API
// (refund.request; no member refund page exists yet). Until the refund branch is on main, steps
// 1-3 (recharge, spend, the cashier finds her in 储值查询) run and the rest reports itself skipped.
const { visibleText } = require('./util')
const { guardOrigin, checkPage } = require('./check')

const MEMBER = 'demo-customer-2'
const PHONE = '13800000002'
const DAY = 24 * 3600 * 1000
const yuan = (fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
const re = (text) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))

async function api(base, name, event, openid) {
  const res = await fetch(`${base}/api/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(event)
  })
  return { status: res.status, body: await res.json().catch(() => null) }
}

async function data(base, name, event, openid) {
  const r = await api(base, name, event, openid)
  if (!r.body || !r.body.ok) throw new Error(`${name}.${event.action} failed: ${JSON.stringify(r.body)}`)
  return r.body.data
}

const clock = (base, shiftMs) =>
  fetch(`${base}/api/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ shiftMs }) }).then((r) => r.json())

async function as(page, base, openid, hash) {
  await page.evaluate((id) => window.localStorage.setItem('chuzhi.devOpenid', id), openid)
  await page.goto(`${base}/#${hash}`, { waitUntil: 'load' })
  await page.reload({ waitUntil: 'load' })
}

/** The staff pages pass the same browser check as the member pages (Chinese, 44 px, no overflow, nothing external). */
async function expectClean(page, external, what) {
  await page.waitForTimeout(600) // the H5 router's slide-in: a page mid-transition sits 40 px to the right
  const problems = await checkPage(page, external)
  if (problems.length) throw new Error(`${what}: ${problems.map((p) => `${p.kind} ${p.detail}`).join('; ')}`)
}

module.exports = async function ({ page, base, shot }) {
  const external = await guardOrigin(page, base)
  // 1. recharge 充300送50 at 徐汇店, in the app, through the simulator's pay sheet
  await page.goto(base, { waitUntil: 'load' })
  await as(page, base, MEMBER, '/pages/recharge/index?storeId=store-xuhui')
  await page.locator('#plan-p300 >> visible=true').waitFor({ timeout: 20000 })
  await page.locator('#plan-p300 >> visible=true').click()
  await page.locator('#agree >> visible=true').click()
  await page.locator('#pay-btn >> visible=true').click()
  const frame = page.frameLocator('iframe')
  await frame.locator('button:has-text("支付")').first().waitFor({ timeout: 10000 })
  await frame.locator('button:has-text("支付")').first().click()
  await visibleText(page, '#result-state', /充值成功/, 20000)

  // 2. spend ¥100 at 徐汇店 (the checkout function, as the store's pay page would)
  const { charged } = await data(base, 'checkout', { action: 'pay', storeId: 'store-xuhui', amount: 10000, requestId: `e2e-refund-spend-${Date.now()}` }, MEMBER)
  // proportional: principal consumed = ⌊charged × 300/350⌋, the fraction of a fen to the member
  const refundable = 30000 - Math.floor((charged * 30000) / 35000)

  // 3. 徐汇店's cashier finds 小李 by phone in 储值查询: the lot sold at 徐汇店 and the spend, with their ids
  await as(page, base, 'demo-cashier', '/packages/staff/pages/index/index')
  await page.locator('#open-member-query >> visible=true').click()
  await page.locator('#member-query input >> visible=true').fill(PHONE)
  await page.locator('#member-query-submit >> visible=true').click()
  await visibleText(page, '#member-result', /138\*\*\*\*0002/)
  await visibleText(page, '#member-result', re(yuan(35000 - charged)))
  await shot('staff-query')
  await expectClean(page, external, '储值查询')
  await page.locator('#member-result >> visible=true').click()
  await visibleText(page, '#member-lots', /徐汇店 充¥300\.00 赠¥50\.00/)
  await visibleText(page, '#member-lots', /微信支付单号 \d+/)
  await visibleText(page, '#member-history', re(`-¥${yuan(charged)}`))
  await visibleText(page, '#member-history', /徐汇店 消费/)
  await shot('staff-member')
  await expectClean(page, external, '会员详情')
  // the refund form too (a reason field and two buttons), then back without starting one
  await page.locator('#refund-start >> visible=true').click()
  await page.locator('#refund-start-reason >> visible=true').waitFor()
  await expectClean(page, external, '会员详情 发起退款')
  await page.locator('#refund-start-cancel >> visible=true').click()

  // the refund function is the refund branch's: without it there is nothing to approve yet
  const probe = await api(base, 'refund', { action: 'quote' }, MEMBER)
  if (probe.status === 404) return { skipped: 'steps 1-3 passed; the refund cloud function is not on this branch yet (TODO refund merge)' }

  // 4. eight days later: after the cooling-off window, the refund waits for staff
  let refund
  try {
    await clock(base, 8 * DAY)
    const quote = await data(base, 'refund', { action: 'quote' }, MEMBER)
    if (quote.withinCoolingOff !== false || quote.refundable !== refundable) throw new Error(`quote after the window should refund ${yuan(refundable)} of principal, got ${JSON.stringify(quote)}`)
    refund = await data(base, 'refund', { action: 'request', requestId: `e2e-refund-${Date.now()}`, reason: '搬家' }, MEMBER)
    if (refund.state !== 'pending_approval' || refund.amount !== refundable) throw new Error(`refund should wait for approval, got ${JSON.stringify(refund)}`)
  } finally {
    // WeChat Pay (the simulator) keeps real time: its signed notifications must verify
    await clock(base, 0)
  }

  // 5. the cashier, back on 小李's page, approves it
  await page.reload({ waitUntil: 'load' })
  await visibleText(page, `#refund-${refund.refundId}`, /待审批/)
  await visibleText(page, `#refund-${refund.refundId}`, re(yuan(refundable)))
  await shot('staff-refund-pending')
  await page.locator(`#refund-${refund.refundId} .refund-approve >> visible=true`).click()
  await visibleText(page, '#member-notice', /已批准退款/)
  await visibleText(page, `#refund-${refund.refundId}`, /退款中|已退款/)
  await shot('staff-approved')

  // 6. the member sees it complete, and the wallet explains it
  let status
  for (let i = 0; i < 50; i++) {
    status = await data(base, 'refund', { action: 'status', refundId: refund.refundId }, MEMBER)
    if (status.state === 'succeeded') break
    await page.waitForTimeout(200)
  }
  if (status.state !== 'succeeded') throw new Error(`refund should succeed after approval, got ${JSON.stringify(status)}`)
  await as(page, base, MEMBER, '/pages/wallet/index')
  // the principal left refunded, the rest of the bonus taken back: nothing left
  await visibleText(page, '#balance-total', /^0\.00$/)
  const item = await visibleText(page, '#history-list .history-item', /退款/)
  if (!item.includes(yuan(refundable))) throw new Error(`the wallet history should show the refund of ${yuan(refundable)}, saw "${item}"`)
  await shot('member-refunded')
}
