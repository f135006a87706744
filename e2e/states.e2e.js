// Every member page in every state (loading, empty, error, content) at a phone's size (390×844),
// each checked by check.js and photographed into e2e/out/states/, with an index.html showing them
// side by side. Runs after recharge.e2e.js (file order), so 小王 has a recharge to show.
//
// States are produced at the API: loading = calls never answered, error = HTTP 500 without a
// Result (the client's NETWORK), empty = a member who has nothing yet or an answer with no items;
// content = the real local cloud.
const fs = require('fs')
const path = require('path')
const { guardOrigin, checkPage } = require('./check')

const PHONE = { width: 390, height: 844 }
const STATES = ['content', 'loading', 'error', 'empty']
const FRESH = 'e2e-newcomer'

const result = (data) => JSON.stringify({ ok: true, data })
const answer = (body) => (route) => route.fulfill({ status: 200, contentType: 'application/json', body })

// staff desk content: what the local cloud would list, with the wording a refused upload has
const ATTENTION = {
  shipping: [{ id: 'ship:R2026E2E0001', outTradeNo: 'R2026E2E0001', status: 'pending', attempts: 2, lastError: 'errcode 10060023', nextAttemptAt: '2026-12-01T10:00:00.000Z' }],
  review: [{ outTradeNo: 'R2026E2E0002', pay: 30000, reason: '支付金额与订单不符', at: '2026-12-01T09:00:00.000Z' }],
  incidents: [{ id: 'notify:E2E1', kind: 'unknown_order', eventId: 'E2E1', eventType: 'TRANSACTION.SUCCESS', outTradeNo: 'R2026E2E0003', transactionId: '4200000003', reason: 'no such order', at: '2026-12-01T08:00:00.000Z' }]
}

// 储值资金 with nothing to show: no money moved yet, nothing owed, the last bill without differences
const ZERO_STATEMENT = { storeId: null, storeName: '全部门店', opening: 0, recharges: 0, refunds: 0, other: 0, closing: 0, spending: 0, revenue: 0 }
const FUNDS_EMPTY = {
  fundStatement: { from: '2026-12-01', to: '2026-12-01', statements: [ZERO_STATEMENT] },
  liabilityReport: { asOf: '2026-12-02T03:00:00.000Z', principalOutstanding: 0, bonusOutstanding: 0, heldForRefunds: 0, revenueRecognised: 0, revenueFrom: '2025-12-31T16:00:00.000Z', dormant: { members: 0, principal: 0, bonus: 0, days: 365 }, custodyRequired: null, alerts: [] },
  reconReport: { day: '2026-12-01', state: 'done', bill: { payments: 0, paymentTotal: 0, refunds: 0, refundTotal: 0 }, ledger: { payments: 0, paymentTotal: 0, refunds: 0, refundTotal: 0 }, repaired: 0, flagged: 0, differences: [], lastRunAt: '2026-12-02T02:10:00.000Z' }
}
const byAction = (answers) => (route) => answer(result(answers[JSON.parse(route.request().postData() || '{}').action] ?? null))(route)
// family page content: an owner with one member who paid once, and the member's own view
const FAMILY_OWNER = {
  role: 'owner', name: '妈妈', maxMembers: 4,
  members: [{
    memberId: 'fm_e2e0000000000001', name: '小明', limit: 50000, spentThisMonth: 4600, joinedAt: '2026-11-01T02:00:00.000Z',
    recent: [{ paymentId: 'pay_e2e_1', storeName: '徐汇店', amount: 4600, charged: 4600, paidAt: '2026-12-01T04:00:00.000Z' }]
  }]
}
const FAMILY_MEMBER = { role: 'member', ownerName: '妈妈', name: '小明', limit: 50000, spentThisMonth: 4600, left: 45400 }
const JOIN = '/packages/family/pages/join/index'

// 小王 (after recharge.e2e.js) holds no coupon: the coupons page's content is answered here
const COUPONS = {
  coupons: [
    { id: 'cp-5', title: '满50减5元券', off: 500, threshold: 5000, storeIds: 'all', startsAt: '2026-11-01T00:00:00.000+08:00', endsAt: '2027-01-01T00:00:00.000+08:00', state: 'usable' },
    { id: 'cp-old', title: '国庆10元券', off: 1000, threshold: 10000, storeIds: ['store-xuhui'], startsAt: '2026-10-01T00:00:00.000+08:00', endsAt: '2026-10-08T00:00:00.000+08:00', state: 'expired' }
  ]
}

async function typeBill(page, keys) {
  for (const k of keys) await page.locator(`#key-${k} >> visible=true`).click()
}

/**
 * One row per page. `content` / `empty`: how to produce the state and which selector says it is
 * on screen. Pages without data of their own (placeholders) have only content.
 */
function pagesFor(ctx) {
  return [
    {
      name: '首页', path: '/pages/index/index', openid: 'demo-customer',
      content: { ready: '#balance-total' },
      empty: { openid: FRESH, ready: '#home-hint' }
    },
    {
      name: '充值', path: '/pages/recharge/index', openid: 'demo-customer',
      content: { ready: '#plan-p300' },
      agreement: { ready: '#plan-p300', then: async (page) => {
        await page.locator('#agreement-open >> visible=true').click()
        await page.locator('#agreement-full >> visible=true').waitFor()
        await page.waitForTimeout(400) // the popup's slide-in
      } },
      empty: {
        ready: '#offer-empty',
        api: answer(result({ plans: [], campaigns: [], custom: { enabled: false, min: 0, max: 0, description: '' }, agreement: { version: 'x', text: '' }, cap: { limit: 500000, balance: 0, room: 500000 }, store: null }))
      }
    },
    ctx.outTradeNo && {
      name: '充值结果', path: `/packages/recharge/pages/result/index?outTradeNo=${encodeURIComponent(ctx.outTradeNo)}`, openid: 'demo-customer',
      content: { ready: '#result-pay' }
    },
    {
      name: '余额明细', path: '/pages/wallet/index', openid: 'demo-customer',
      content: { ready: '#history-list' },
      empty: { openid: FRESH, ready: '#history-empty' }
    },
    ctx.entryId && {
      name: '明细详情', path: `/pages/wallet-entry/index?id=${encodeURIComponent(ctx.entryId)}`, openid: 'demo-customer',
      content: { ready: '#entry-amount' }
    },
    {
      name: '买单', path: '/packages/checkout/pages/index/index?storeId=store-xuhui', openid: 'demo-customer',
      content: { ready: '#keypad', then: async (page) => {
        await typeBill(page, '12')
        await page.locator('#quote-payable >> visible=true').filter({ hasText: /^¥\d/ }).waitFor() // the server's price (a tier may discount it)
      } },
      // the recommendation sheet for a member whose balance is short
      sheet: { openid: FRESH, ready: '#keypad', then: async (page) => {
        await typeBill(page, '120')
        await page.locator('#open-recommend >> visible=true').click()
        await page.locator('#recommend-sheet >> visible=true').waitFor()
        await page.waitForTimeout(400) // the popup's slide-in
      } },
      empty: { path: '/packages/checkout/pages/index/index', ready: '#checkout-no-store' }
    },
    ctx.paymentId && {
      name: '支付结果', path: `/packages/checkout/pages/receipt/index?paymentId=${encodeURIComponent(ctx.paymentId)}`, openid: 'demo-customer',
      content: { ready: '#receipt-balance' }
    },
    {
      name: '会员等级', path: '/packages/member/pages/index/index', openid: 'demo-customer',
      content: { ready: '#member-tier' },
      empty: { openid: FRESH, ready: '#member-empty' }
    },
    {
      name: '我的优惠券', path: '/packages/member/pages/coupons/index', openid: 'demo-customer',
      content: { ready: '#coupon-list', api: answer(result(COUPONS)) },
      empty: { openid: FRESH, ready: '#coupons-empty' }
    },
    {
      name: '我的积分', path: '/packages/member/pages/points/index', openid: 'demo-customer',
      // the ¥12.00 bill paid before the pages are visited earned 小王 points
      content: { ready: '#points-list' },
      empty: { openid: FRESH, ready: '#points-empty' }
    },
    {
      name: '店员工作台', path: '/packages/staff/pages/index/index', openid: 'demo-admin',
      content: { ready: '.shipping-issue', api: answer(result(ATTENTION)) },
      empty: { ready: '#shipping-empty' }
    },
    {
      name: '储值资金', path: '/packages/staff/pages/funds/index', openid: 'demo-admin',
      content: { ready: '#statement-all' },
      empty: { ready: '#funds-empty', api: byAction(FUNDS_EMPTY) }
    },
    {
      name: '家庭共享', path: '/packages/family/pages/index/index', openid: 'demo-customer',
      content: { ready: '.family-member', api: answer(result(FAMILY_OWNER)) },
      member: { ready: '#member-left', api: answer(result(FAMILY_MEMBER)) },
      // no family yet (the local cloud's answer for a member who never shared)
      empty: { ready: '#family-empty' }
    },
    {
      name: '加入家庭', path: `${JOIN}?token=${'e2e0'.repeat(8)}`, openid: FRESH,
      content: { ready: '#join-card' },
      // a link without its token
      empty: { path: JOIN, ready: '#join-invalid' }
    },
    {
      // content: the real local cloud's code for HQ's first store, its PNG served from our origin
      name: '门店收款码', path: '/packages/staff/pages/store-code/index', openid: 'demo-admin',
      content: { ready: '#store-code-image' },
      empty: { ready: '#store-code-empty', api: byAction({ stores: { stores: [] } }) }
    },
    {
      // 小王 has recharged (recharge.e2e.js): the real quote; empty = a newcomer with nothing to refund
      name: '申请退款', path: '/packages/refund/pages/index/index', openid: 'demo-customer',
      content: { ready: '#quote-refundable' },
      empty: { openid: FRESH, ready: '#refund-empty' }
    },
    { name: '礼品卡', path: '/packages/giftcard/pages/index/index', openid: 'demo-customer', content: { ready: '#placeholder' }, static: true },
    { name: '分销中心', path: '/packages/distribution/pages/index/index', openid: 'demo-customer', content: { ready: '#placeholder' }, static: true }
  ].filter(Boolean)
}

/** 小王 pays a ¥12.00 bill at 徐汇店 from the balance recharge.e2e.js gave him: the receipt page's content. */
async function aPayment(base) {
  const res = await fetch(`${base}/api/fn/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': 'demo-customer' },
    body: JSON.stringify({ action: 'pay', storeId: 'store-xuhui', amount: 1200, requestId: 'e2e-states-receipt' })
  })
  const body = await res.json()
  if (!body.ok) throw new Error(`checkout.pay for the receipt page failed: ${JSON.stringify(body.error)}`)
  return body.data.paymentId
}

/** 小王's latest recharge, for the result and entry pages. */
async function latestRecharge(base) {
  const res = await fetch(`${base}/api/fn/wallet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': 'demo-customer' },
    body: JSON.stringify({ action: 'history' })
  })
  const body = await res.json()
  const item = body.ok ? body.data.items.find((i) => i.kind === 'recharge') : null
  return { entryId: item?.id, outTradeNo: item?.refs?.outTradeNo }
}

async function visit(ctx, spec, state) {
  const { context, base, dir } = ctx
  const how = state === 'loading' ? { ready: '#state-loading' } : state === 'error' ? { ready: '#state-error' } : spec[state]
  const page = await context.newPage()
  await page.setViewportSize(PHONE)
  const held = []
  const api =
    state === 'loading'
      ? (route) => void held.push(route) // never answered while we look
      : state === 'error'
        ? (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' })
        : how.api || null
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  try {
    const external = await guardOrigin(page, base, api)
    const openid = how.openid || spec.openid
    await page.addInitScript((id) => window.localStorage.setItem('chuzhi.devOpenid', id), openid)
    await page.goto(`${base}/#${how.path || spec.path}`, { waitUntil: 'load' })
    await page.locator(`${how.ready} >> visible=true`).first().waitFor({ timeout: 20000 })
    if (how.then) await how.then(page)
    await page.waitForTimeout(300) // images decoded, transitions done
    const file = `${(how.path || spec.path).split('?')[0].replace(/^\/|\/index$/g, '').replace(/\//g, '_')}--${state}.png`
    await page.screenshot({ path: path.join(dir, file) })
    const problems = await checkPage(page, external)
    for (const e of errors) problems.push({ kind: 'page-error', detail: e })
    return { file, problems }
  } finally {
    for (const r of held) await r.abort().catch(() => {})
    await page.close()
  }
}

function writeIndex(dir, rows, states) {
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])
  const head = states.map((s) => `<th>${s}</th>`).join('')
  const body = rows
    .map((r) => {
      const cells = states
        .map((s) => {
          const shot = r.shots[s]
          if (!shot) return '<td class="none">—</td>'
          const bad = shot.problems.length ? `<ul>${shot.problems.map((p) => `<li>${esc(p.kind)}: ${esc(p.detail)}</li>`).join('')}</ul>` : ''
          return `<td class="${bad ? 'bad' : 'ok'}"><a href="${shot.file}"><img src="${shot.file}" loading="lazy"></a>${bad}</td>`
        })
        .join('')
      return `<tr><th>${esc(r.name)}<br><small>${esc(r.path)}</small></th>${cells}</tr>`
    })
    .join('\n')
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>chuzhi pages × states</title>
<style>body{font:14px sans-serif;margin:16px}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:6px;vertical-align:top}
img{width:195px;display:block}td.bad{background:#fde8e8}td.none{color:#aaa;text-align:center}small{color:#888;font-weight:normal}</style>
<h1>Every page in every state at 390×844</h1><table><tr><th>page</th>${head}</tr>\n${body}\n</table>`
  )
}

module.exports = async function ({ page, base, out }) {
  const dir = path.join(out, 'states')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const ctx = { context: page.context(), base, dir, ...(await latestRecharge(base)) }
  if (!ctx.outTradeNo) throw new Error('no recharge found for demo-customer: run after recharge.e2e.js')
  ctx.paymentId = await aPayment(base)
  // extra columns: a popup opened on the content (the agreement, the recommendation sheet), or the page as a family member
  const columns = [...STATES, 'agreement', 'member', 'sheet']
  const rows = []
  const failures = []
  for (const spec of pagesFor(ctx)) {
    const row = { name: spec.name, path: spec.path, shots: {} }
    for (const state of columns) {
      if (spec.static && state !== 'content') continue
      if ((state === 'empty' || state === 'agreement' || state === 'member' || state === 'sheet' || state === 'content') && !spec[state]) continue
      const shot = await visit(ctx, spec, state).catch((e) => ({ file: null, problems: [{ kind: 'not-shown', detail: e.message.split('\n')[0] }] }))
      row.shots[state] = shot
      for (const p of shot.problems) failures.push(`${spec.name} [${state}] ${p.kind}: ${p.detail}`)
    }
    rows.push(row)
  }
  writeIndex(dir, rows, columns)
  const shots = rows.reduce((n, r) => n + Object.keys(r.shots).length, 0)
  console.log(`      ${shots} page states checked; index: ${path.join(dir, 'index.html')}`)
  if (failures.length) throw new Error(`${failures.length} problem(s):\n        ${failures.join('\n        ')}`)
}
