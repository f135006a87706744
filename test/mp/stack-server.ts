/**
 * The local cloud the mini-program tests talk to, run in a child process by test/mp/global-setup.js:
 * the real stack (every cloud function from its TypeScript source, the seeded demo merchant, the
 * WeChat Pay v3 simulator) on a random loopback port with a throwaway database.
 *
 * Before it says it is ready it prepares, through the same functions the app calls, the data the
 * page tests read: members who have really recharged and been credited by the simulator's
 * notification. Then it prints one line `CHUZHI_MP_READY {json}` (see `MpBackendInfo`) on stdout.
 * It stops on SIGTERM/SIGINT or when its stdin closes (the jest process went away).
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import { startStack, type Stack } from '../../local/server/stack'
import type { Attention, CreatedOrder, HistoryPage, OrderStatus, RechargeOffer } from '../../contracts/api'

export const READY_PREFIX = 'CHUZHI_MP_READY '

/** What the tests learn about the prepared data (also see test/mp/backend.js). */
export interface MpBackendInfo {
  url: string
  pid: number
  /** the child's temp dir, removed when it stops (globalSetup keeps a copy of this info there) */
  dataDir: string
  /** demo-customer: one credited 充300送50 → balance 350.00 (300 + 50), one history entry */
  customer: { openid: string; outTradeNo: string; transactionId: string; journalId: string }
  /** demo-customer-2: 充300送50 first, then 20 custom ¥10 recharges → 21 entries, two history pages */
  pager: { openid: string; entries: number; oldestJournalId: string; newestJournalId: string }
  /**
   * what demo-admin's 店员工作台 lists: an upload WeChat refused once, an order sent to review, a
   * payment for an order we do not have (an incident)
   */
  staff: { openid: string; shippingId: string; shippingOutTradeNo: string; reviewOutTradeNo: string; incidentOutTradeNo: string }
}

async function main() {
  // the stack must sign with its own dev keys and pay through its own simulator
  for (const k of Object.keys(process.env)) if (k.startsWith('WECHATPAY_')) delete process.env[k]
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-mp-'))
  const stack = await startStack({
    dataDir,
    dbFile: ':memory:',
    builtFunctions: false,
    timeScale: 0.001,
    log: (l) => process.stderr.write(`[mp-stack] ${l}\n`)
  })

  let stopping = false
  const stop = async (code = 0) => {
    if (stopping) return
    stopping = true
    try {
      await stack.close()
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
      process.exit(code)
    }
  }
  process.on('SIGTERM', () => void stop())
  process.on('SIGINT', () => void stop())
  process.stdin.on('end', () => void stop())
  process.stdin.on('error', () => void stop())
  process.stdin.resume()

  try {
    const info = await prepare(stack, dataDir)
    process.stdout.write(`${READY_PREFIX}${JSON.stringify(info)}\n`)
  } catch (err) {
    console.error('[mp-stack] preparing the test data failed:', err)
    await stop(1)
  }
}

async function prepare(stack: Stack, dataDir: string): Promise<MpBackendInfo> {
  const customer = await recharge(stack, 'demo-customer', { planId: 'p300' })
  const customerPage = await data<HistoryPage>(stack, 'wallet', { action: 'history' }, 'demo-customer')
  if (customerPage.items.length !== 1) throw new Error(`demo-customer has ${customerPage.items.length} history entries, expected 1`)

  // more than one history page (the app asks for 20 at a time)
  const pagerId = 'demo-customer-2'
  await recharge(stack, pagerId, { planId: 'p300' })
  for (let i = 0; i < 20; i++) await recharge(stack, pagerId, { amount: 1_000 })
  const first = await data<HistoryPage>(stack, 'wallet', { action: 'history' }, pagerId)
  const second = await data<HistoryPage>(stack, 'wallet', { action: 'history', cursor: first.nextCursor ?? undefined }, pagerId)
  const all = [...first.items, ...second.items]
  if (all.length !== 21 || new Set(all.map((i) => i.id)).size !== 21 || second.nextCursor !== null) {
    throw new Error(`demo-customer-2 history pages hold ${first.items.length} + ${second.items.length} entries, expected 20 + 1`)
  }

  const staff = await prepareStaffDesk(stack)

  return {
    url: stack.url,
    pid: process.pid,
    dataDir,
    customer: {
      openid: 'demo-customer',
      outTradeNo: customer.outTradeNo,
      transactionId: customerPage.items[0].refs.transactionId ?? '',
      journalId: customerPage.items[0].id
    },
    pager: { openid: pagerId, entries: all.length, newestJournalId: all[0].id, oldestJournalId: all[all.length - 1].id },
    staff
  }
}

/**
 * Gives the staff desk something to show, the way it happens in production (as server/ops.test.ts
 * does): a recharge whose shipping upload WeChat refuses (retry pending; no cron runs here), a
 * paid order whose notification names another amount (flagged for review, nothing credited), and
 * a signed payment for an order we do not have (an incident for HQ).
 */
async function prepareStaffDesk(stack: Stack): Promise<MpBackendInfo['staff']> {
  const sim = simulator(stack)
  stack.cloud.setOpenapiHandler(() => {
    throw new Error('system busy')
  })
  let refused: CreatedOrder
  try {
    refused = await recharge(stack, 'mp-staff-a', { planId: 'p300' })
  } finally {
    stack.cloud.setOpenapiHandler(() => ({ errcode: 0, errmsg: 'ok' }))
  }

  sim.setDeliveryMode('never')
  let flagged: CreatedOrder
  let tx: ReturnType<typeof sim.pay>
  try {
    flagged = await createOrder(stack, 'mp-staff-b', { planId: 'p300' })
    tx = sim.pay(flagged.outTradeNo)
  } finally {
    sim.setDeliveryMode('normal')
  }
  const notify = async (resource: unknown) => {
    const n = sim.signedNotification(resource)
    const res = await fetch(`${stack.url}/api/pay/notify`, { method: 'POST', headers: n.headers, body: n.body })
    await res.text()
  }
  await notify({ ...tx, amount: { ...tx.amount, total: 1 } })
  const unknownOrder = 'R20261123NOSUCHORDER'
  await notify({ ...tx, out_trade_no: unknownOrder })
  await sim.idle()

  const seen = await data<Attention>(stack, 'ops', { action: 'attention' }, 'demo-admin')
  const shipping = seen.shipping.map((t) => t.outTradeNo)
  const review = seen.review.map((o) => o.outTradeNo)
  const incidents = seen.incidents.map((i) => i.outTradeNo)
  if (shipping.join() !== refused.outTradeNo || review.join() !== flagged.outTradeNo || incidents.join() !== unknownOrder) {
    throw new Error(
      `staff desk shows uploads [${shipping}], reviews [${review}] and incidents [${incidents}], expected [${refused.outTradeNo}], [${flagged.outTradeNo}] and [${unknownOrder}]`
    )
  }
  return {
    openid: 'demo-admin',
    shippingId: seen.shipping[0].id,
    shippingOutTradeNo: refused.outTradeNo,
    reviewOutTradeNo: flagged.outTradeNo,
    incidentOutTradeNo: unknownOrder
  }
}

function simulator(stack: Stack) {
  if (!stack.simulator) throw new Error('the stack runs without its WeChat Pay simulator (WECHATPAY_BASE_URL set?)')
  return stack.simulator
}

/** recharge.create the way the recharge page does it, with the agreement version on offer. */
async function createOrder(stack: Stack, openid: string, what: { planId?: string; amount?: number }): Promise<CreatedOrder> {
  const offer = await data<RechargeOffer>(stack, 'recharge', { action: 'plans' }, openid)
  return data<CreatedOrder>(stack, 'recharge', { action: 'create', ...what, agreementVersion: offer.agreement.version }, openid)
}

/** A recharge the way the app does it, paid by the simulated payer and credited by its notification. */
async function recharge(stack: Stack, openid: string, what: { planId?: string; amount?: number }): Promise<CreatedOrder> {
  const sim = simulator(stack)
  const order = await createOrder(stack, openid, what)
  sim.pay(order.outTradeNo)
  await sim.idle()
  const status = await data<OrderStatus>(stack, 'recharge', { action: 'status', outTradeNo: order.outTradeNo }, openid)
  if (status.state !== 'credited') throw new Error(`${order.outTradeNo} is ${status.state} after the notification, expected credited`)
  return order
}

/** Calls a function as the mini-program would and returns its data; an error envelope throws. */
async function data<T>(stack: Stack, name: string, event: Record<string, unknown>, openid: string): Promise<T> {
  const r = (await stack.cloud.invoke(name, event, { openid, appid: process.env.WECHATPAY_APPID, source: 'wx_client' })) as
    | { ok: true; data: T }
    | { ok: false; error: { code: string; message: string } }
  if (!r.ok) throw new Error(`${name}.${String(event.action)} as ${openid}: ${r.error.code} ${r.error.message}`)
  return r.data
}

void main()
