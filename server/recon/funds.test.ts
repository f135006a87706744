/**
 * The fund-account statement and liability report as ops serves them (aggregated in the
 * database) against the journal itself, over a scripted day: recharges, spends, a refund.
 */
import { newOpenid, useTestStack, type TestStack } from '../../test/stack'
import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import { incStoreAccounts, storeBalance } from '../ledger/store'
import type { TxLike } from '../db/tx'
import { SETTINGS_ID } from '../merchant'
import { fundStatement, liabilityReport, type StatementRow } from '../../domain/ledger/statement'
import { refundHoldPosting, refundSettlePosting } from '../../domain/ledger/refund'
import { fen } from '../../domain/money'
import { addDays, shanghaiDate, shanghaiDayStart } from '../../domain/time'
import type { MemberDoc } from '../collections'

let s: TestStack
useTestStack((started) => (s = started))

const STORE = 'store-xuhui'
const today = () => shanghaiDate(now())

async function recharge(openid: string): Promise<string> {
  const agreementVersion = await s.agreementVersion(openid)
  const o = await s.data('recharge', { action: 'create', planId: 'p300', storeId: STORE, agreementVersion }, openid)
  s.sim.pay(o.outTradeNo)
  await s.sim.idle()
  return o.outTradeNo
}

/**
 * A whole-lot refund posted the way docs/refunds.md describes it (hold, then settle on SUCCESS),
 * with the member document, lots and store accounts moved in step, so the ledger reconciles.
 * The refund engine (server/refund) is another branch's; this stands in for it.
 */
async function refundWholeLot(openid: string, outTradeNo: string): Promise<void> {
  const db = database()
  const _ = db.command
  const order = await s.order(outTradeNo)
  const part = { outRefundNo: `T${outTradeNo}-1`, outTradeNo, storeId: order.storeId, lotId: `lot:${outTradeNo}`, amount: fen(order.pay), principal: fen(order.pay), bonus: fen(order.bonus), forfeited: fen(order.bonus) }
  const at = now()
  for (const posting of [refundHoldPosting(`T${outTradeNo}`, openid, [part]), refundSettlePosting(`T${outTradeNo}`, openid, part)]) {
    await db.collection(C.journal).add({ data: { _id: posting.id, ...posting, createdAt: at } })
    // the store side where postings keep it (a shard's revenue on its spend document): the same call spends make
    await incStoreAccounts(db as unknown as TxLike, _, posting.entries, at, 'test:refund')
  }
  await db.collection(C.accounts).add({ data: { _id: `m:${openid}:refund-hold`, kind: 'member_refund_hold', owner: openid, balance: 0, createdAt: at } })
  const member = (await db.collection(C.members).doc(openid).get()).data as MemberDoc
  await db.collection(C.members).doc(openid).update({
    data: { principal: _.inc(-order.pay), bonus: _.inc(-order.bonus), lots: member.lots.filter((l) => l.id !== part.lotId) }
  })
}

async function journal(): Promise<StatementRow[]> {
  const out: StatementRow[] = []
  for (let skip = 0; ; skip += 100) {
    const { data } = await database().collection(C.journal).orderBy('_id', 'asc').skip(skip).limit(100).get()
    out.push(...(data as StatementRow[]))
    if (data.length < 100) return out
  }
}

const statement = (from: string, to: string, storeId?: string, who = 'demo-admin') =>
  s.data('ops', { action: 'fundStatement', from, to, ...(storeId ? { storeId } : {}) }, who)

describe('fund statement', () => {
  it('over a day of recharges, spends and a refund: opening + in − out = closing, the store fund’s balance, and the journal’s own figures', async () => {
    const day = today()
    const before = (await statement(day, day, STORE)).statements[0]
    const [a, b] = [newOpenid('fa'), newOpenid('fb')]
    const aOrder = await recharge(a)
    const bOrder = await recharge(b)
    const spent = [
      await s.data('checkout', { action: 'pay', storeId: STORE, amount: 12000, requestId: `req-fa-${Date.now()}` }, a),
      await s.data('checkout', { action: 'pay', storeId: STORE, amount: 999, requestId: `req-fb-${Date.now()}` }, a)
    ].reduce((sum, p) => sum + p.charged, 0)
    await refundWholeLot(b, bOrder)
    expect(aOrder).not.toBe(bOrder)

    const after = await statement(day, day, STORE)
    const x = after.statements[0]
    expect(x).toMatchObject({ storeId: STORE, storeName: expect.any(String) })
    expect(x.opening).toBe(before.opening)
    expect(x.recharges - before.recharges).toBe(60000)
    expect(x.refunds - before.refunds).toBe(30000)
    // what the member was charged (after their tier's discount) is what was redeemed at the store
    expect(spent).toBeGreaterThan(0)
    expect(x.spending - before.spending).toBe(spent)
    expect(x.opening + x.recharges - x.refunds + x.other).toBe(x.closing)
    // the closing cash is what the store's fund accounts hold (every shard)
    expect(x.closing).toBe((await storeBalance(STORE)).fund)

    // the database's sums are the domain's over the journal read whole, for every store and the merchant
    const rows = await journal()
    const from = shanghaiDayStart(day)
    const to = addDays(from, 1)
    const all = await statement(day, day)
    expect(all.statements[all.statements.length - 1].storeId).toBeNull()
    for (const st of all.statements) {
      const { from: _f, to: _t, storeId, ...figures } = fundStatement(rows, st.storeId, from, to)
      const { storeName: _n, storeId: _s, ...got } = st
      expect(storeId).toBe(st.storeId)
      expect(got).toEqual(figures)
    }
  })

  it('liability report: the database’s sums equal the domain’s over the journal, and the alerts follow settings.alerts', async () => {
    await recharge(newOpenid('fl'))
    const db = database()
    const { data: settings } = await db.collection(C.settings).doc(SETTINGS_ID).get()
    try {
      await db.collection(C.settings).doc(SETTINGS_ID).update({ data: { alerts: { warnAbove: 1, revenueRatioBp: 4000, lastYearRevenue: 100 } } })
      const r = await s.data('ops', { action: 'liabilityReport' }, 'demo-admin')
      const d = liabilityReport(await journal(), new Date(r.asOf), new Date(r.revenueFrom), { warnAbove: fen(1), revenueRatioBp: 4000, lastYearRevenue: fen(100) })
      expect(r).toMatchObject({
        principalOutstanding: d.principalOutstanding,
        bonusOutstanding: d.bonusOutstanding,
        heldForRefunds: d.heldForRefunds,
        revenueRecognised: d.revenueRecognised,
        dormant: { ...d.dormant, days: 365 },
        custodyRequired: null
      })
      expect(r.principalOutstanding).toBeGreaterThan(0)
      expect(r.alerts.map((a: { kind: string }) => a.kind)).toEqual(['over_revenue_ratio', 'balance_warning'])
      expect(r.alerts[0].message).toMatch(/预收余额/)
    } finally {
      const { _id, ...was } = settings as { _id: string }
      await db.collection(C.settings).doc(SETTINGS_ID).set({ data: was })
    }
    expect((await s.data('ops', { action: 'liabilityReport' }, 'demo-admin')).alerts).toEqual([])
  })

  it('staff see their own stores only; cashiers no statements; dates are checked', async () => {
    const day = today()
    expect((await s.call('ops', { action: 'fundStatement', from: day, to: day }, 'demo-cashier')).error.code).toBe('FORBIDDEN')
    expect((await s.call('ops', { action: 'fundStatement', from: day, to: day, storeId: STORE }, 'demo-cashier')).error.code).toBe('FORBIDDEN')
    expect((await s.call('ops', { action: 'liabilityReport' }, 'demo-cashier')).error.code).toBe('FORBIDDEN')
    await database().collection(C.staff).doc('fund-manager').set({ data: { name: '店长', role: 'store_manager', stores: [STORE] } })
    try {
      expect((await statement(day, day, STORE, 'fund-manager')).statements).toHaveLength(1)
      expect((await s.call('ops', { action: 'fundStatement', from: day, to: day, storeId: 'store-jingan' }, 'fund-manager')).error.code).toBe('FORBIDDEN')
      expect((await s.call('ops', { action: 'fundStatement', from: day, to: day }, 'fund-manager')).error.code).toBe('FORBIDDEN')
      expect((await s.call('ops', { action: 'liabilityReport' }, 'fund-manager')).error.code).toBe('FORBIDDEN')
    } finally {
      await database().collection(C.staff).doc('fund-manager').remove()
    }
    const bad = await s.call('ops', { action: 'fundStatement', from: '2026-12-02', to: '2026-12-01' }, 'demo-admin')
    expect(bad.error).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining('结束日期不能早于开始日期') })
    expect((await s.call('ops', { action: 'fundStatement', from: '2025-01-01', to: '2026-06-01' }, 'demo-admin')).error.code).toBe('INVALID_INPUT')
    expect((await s.call('ops', { action: 'fundStatement', from: '12/01', to: '2026-06-01' }, 'demo-admin')).error.code).toBe('INVALID_INPUT')
  })
})
