// Issue 11 journey: 小李 recharges 充300送50 at 徐汇店 and pays a ¥100 bill there (her 银卡 tier
// may discount it: `charged`); eight days later (after the 7-day cooling-off window) she asks for
// a refund of the principal left under the proportional rule (¥214.29 when ¥100 is charged: the
// issue's example) on the wallet's 申请退款 page; it waits for staff. 徐汇店's cashier finds her by
// phone in 储值查询 and approves it; WeChat Pay (the simulator) refunds, 小李's 申请退款 page shows
// it done and her wallet history explains it.
//
// Runs after balance.e2e.js (file order), which needs 小李 untouched.
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

  // 4. eight days later (after the cooling-off window), 小李 asks from the wallet's 申请退款 page; it waits for staff
  let refund
  try {
    await clock(base, 8 * DAY)
    await as(page, base, MEMBER, '/pages/wallet/index')
    await page.locator('#wallet-refund >> visible=true').click()
    await visibleText(page, '#quote-refundable', re(yuan(refundable)))
    await visibleText(page, '#quote-forfeited', re(yuan(35000 - charged - refundable)))
    await visibleText(page, '#refund-quote', /由门店审核/)
    await shot('member-refund-quote')
    await expectClean(page, external, '申请退款')
    await page.locator('#refund-confirm >> visible=true').click()
    await visibleText(page, '#refund-state', /待门店审核/)
    await visibleText(page, '#refund-amount', re(yuan(refundable)))
    const { refunds } = await data(base, 'refund', { action: 'list' }, MEMBER)
    refund = refunds[0]
    if (refunds.length !== 1 || refund.state !== 'pending_approval' || refund.amount !== refundable) throw new Error(`one refund of ${yuan(refundable)} should wait for approval, got ${JSON.stringify(refunds)}`)
  } finally {
    // WeChat Pay (the simulator) keeps real time: its signed notifications must verify
    await clock(base, 0)
  }

  // 5. the cashier's desk lists it as waiting for approval; she finds 小李 in 储值查询 and approves it
  await as(page, base, 'demo-cashier', '/packages/staff/pages/index/index')
  await visibleText(page, '#pending-refunds .pending-refund', re(yuan(refundable)))
  await expectClean(page, external, '店员工作台 待审批退款')
  await page.locator('#open-member-query >> visible=true').click()
  await page.locator('#member-query input >> visible=true').fill(PHONE)
  await page.locator('#member-query-submit >> visible=true').click()
  await page.locator('#member-result >> visible=true').click()
  await visibleText(page, `#refund-${refund.refundId}`, /待审批/)
  await visibleText(page, `#refund-${refund.refundId}`, re(yuan(refundable)))
  await shot('staff-refund-pending')
  await page.locator(`#refund-${refund.refundId} .refund-approve >> visible=true`).click()
  await visibleText(page, '#member-notice', /已批准退款/)
  await visibleText(page, `#refund-${refund.refundId}`, /退款中|已退款/)
  await shot('staff-approved')

  // 6. the member sees it complete, and the wallet explains it
  // the member's 申请退款 page: 刷新 asks WeChat Pay (refund.status) while it is in flight; once done
  // it is listed under 退款记录. Bounded by count.
  await as(page, base, MEMBER, '/packages/refund/pages/index/index')
  await page.locator('#refund-status >> visible=true').or(page.locator('#refund-history >> visible=true')).first().waitFor({ timeout: 20000 })
  let seen = ''
  for (let i = 0; i < 30; i++) {
    const status = page.locator('#refund-status >> visible=true')
    seen = (await status.count()) ? await status.first().innerText() : await page.locator('#refund-history >> visible=true').first().innerText()
    if (/已退款/.test(seen)) break
    await page.waitForTimeout(300)
    if (await page.locator('#refund-refresh >> visible=true').count()) await page.locator('#refund-refresh >> visible=true').click()
  }
  if (!/已退款/.test(seen) || !seen.includes(yuan(refundable))) throw new Error(`the member's 申请退款 page should show ${yuan(refundable)} 已退款, saw "${seen}"`)
  await shot('member-refund-done')
  await as(page, base, MEMBER, '/pages/wallet/index')
  // the principal left refunded, the rest of the bonus taken back: nothing left
  await visibleText(page, '#balance-total', /^0\.00$/)
  // the hold when she asked (申请退款，金额已冻结), then the refund: cash back, the bonus taken with it
  const refunded = page.locator('#history-list .history-item >> visible=true').filter({ hasText: '已原路退回' })
  await refunded.first().waitFor({ timeout: 10000 })
  const item = (await refunded.first().innerText()).replace(/\s+/g, '')
  if (!item.includes(`退款¥${yuan(refundable)}已原路退回`) || !item.includes(`赠送等¥${yuan(35000 - charged - refundable)}不退`)) throw new Error(`the wallet history should explain the refund of ${yuan(refundable)}, saw "${item}"`)
  await page.locator('#history-list .history-item >> visible=true').filter({ hasText: '申请退款，金额已冻结' }).first().waitFor({ timeout: 10000 })
  await shot('member-refunded')
}
