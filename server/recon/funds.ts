import { fundStatement, liabilityReport, storeOfAccount, type LiabilityLimits, type LiabilityReport, type StatementRow } from '../../domain/ledger/statement'
import { addDays, shanghaiDate, shanghaiDayStart } from '../../domain/time'
import { fen, formatYuan } from '../../domain/money'
import type { FundStatementResult, FundStatementView, LiabilityAlertView, LiabilityView } from '../../contracts/funds'
import { database } from '../cloud'
import { now } from '../clock'
import { COLLECTIONS as C } from '../db/indexes'
import { AppError } from '../errors'
import { loadSettings } from '../merchant'
import { scopeOf, worksAt, type StaffDoc } from '../staff'

/**
 * The fund-account statement and the liability report (issue 11 "储值资金账户", domain rules A8,
 * A9, D4, D5) as ops actions. The domain functions (domain/ledger/statement.ts) compute both from
 * journal rows; here the database sums the journal first (aggregate: unwind the entries, group
 * them), so an action reads a few hundred grouped rows instead of every posting, and hands the
 * domain one synthetic row per group with the group's latest time. The sums are exact: each
 * domain figure is a sum of entries chosen by account, entry kind, posting kind and a side of a
 * time boundary, and the grouping keeps all four. `npm run bench` measures it against reading
 * the journal whole.
 */
export const MAX_STATEMENT_DAYS = 366
/** the local cloud's and a sane ceiling on grouped rows; a merchant reaches it with ~400 stores */
const GROUP_LIMIT = 10_000

const STORE_KINDS = ['store_fund', 'store_revenue', 'store_bonus_redeemed']

interface Group<K> {
  _id: K
  amount: number
  last: Date
}

/** Every store entry posted before `to`, summed per account, entry kind, posting kind and side of `from`. */
async function storeGroups(from: Date, to: Date): Promise<StatementRow[]> {
  const db = database()
  const _ = db.command
  const $ = _.aggregate
  const { list } = await db
    .collection(C.journal)
    .aggregate()
    .match({ createdAt: _.lt(to) })
    .unwind('$entries')
    .match({ 'entries.kind': _.in(STORE_KINDS) })
    .group({
      _id: { tx: '$kind', account: '$entries.account', kind: '$entries.kind', before: $.lt(['$createdAt', from]) },
      amount: $.sum('$entries.amount'),
      last: $.max('$createdAt')
    })
    .limit(GROUP_LIMIT)
    .end()
  return (list as Array<Group<{ tx: string; account: string; kind: string }>>).map((g, i) => ({
    _id: `g${i}`,
    kind: g._id.tx,
    createdAt: new Date(g.last),
    entries: [{ account: g._id.account, kind: g._id.kind, amount: g.amount }]
  }))
}

/** The period the staff picked: from 00:00 of `from` to 00:00 after `to` (Shanghai), both days included. */
function period(from: string, to: string): { start: Date; end: Date } {
  let start: Date
  let end: Date
  try {
    start = shanghaiDayStart(from)
    end = addDays(shanghaiDayStart(to), 1)
  } catch {
    throw new AppError('INVALID_INPUT', '没有这个日期，请重新选择日期')
  }
  if (end.getTime() <= start.getTime()) throw new AppError('INVALID_INPUT', '结束日期不能早于开始日期，请重新选择')
  if (end.getTime() - start.getTime() > MAX_STATEMENT_DAYS * 86_400_000) throw new AppError('INVALID_INPUT', '一次最多查询一年，请缩短日期范围')
  return { start, end }
}

async function storeNames(): Promise<Map<string, string>> {
  const { data } = await database().collection(C.stores).limit(100).get()
  return new Map((data as Array<{ _id: string; name: string }>).map((s) => [s._id, s.name]))
}

/**
 * ops.fundStatement: one store's statement, or (no storeId) every store's and the merchant's.
 * A person sees only their stores: the merchant-wide view is headquarters' (stores 'all').
 */
export async function fundStatementFor(staff: StaffDoc, e: { storeId?: string; from: string; to: string }): Promise<FundStatementResult> {
  if (e.storeId !== undefined && !worksAt(staff, e.storeId)) throw new AppError('FORBIDDEN', '只能查看您负责门店的资金账户')
  if (e.storeId === undefined && scopeOf(staff) !== 'all') throw new AppError('FORBIDDEN', '全部门店的资金账户仅限总部查看，请选择您负责的门店')
  const { start, end } = period(e.from, e.to)
  const [rows, names] = await Promise.all([storeGroups(start, end), storeNames()])
  const view = (storeId: string | null): FundStatementView => {
    const { from: _from, to: _to, ...figures } = fundStatement(rows, storeId, start, end)
    return { ...figures, storeName: storeId === null ? '全部门店' : names.get(storeId) ?? storeId }
  }
  if (e.storeId !== undefined) return { from: e.from, to: e.to, statements: [view(e.storeId)] }
  const stores = new Set<string>(names.keys())
  for (const r of rows) for (const x of r.entries) stores.add(storeOfAccount(x.account) ?? '')
  stores.delete('')
  return { from: e.from, to: e.to, statements: [...[...stores].sort().map(view), view(null)] }
}

/**
 * ops.liabilityReport, merchant-wide (headquarters): what is owed to members now, revenue
 * recognised this calendar year, dormant balances and the alerts settings.alerts asks for.
 */
export async function liabilityReportFor(staff: StaffDoc): Promise<LiabilityView> {
  if (scopeOf(staff) !== 'all') throw new AppError('FORBIDDEN', '负债报表仅限总部查看')
  const asOf = now()
  const revenueFrom = shanghaiDayStart(`${shanghaiDate(asOf).slice(0, 4)}-01-01`)
  const settings = await loadSettings()
  const limits: LiabilityLimits = settings.alerts ?? {}
  const dormantDays = limits.dormantDays ?? 365
  const report = await aggregatedLiability(asOf, revenueFrom, limits, addDays(asOf, -dormantDays))
  return {
    asOf: report.asOf,
    principalOutstanding: report.principalOutstanding,
    bonusOutstanding: report.bonusOutstanding,
    heldForRefunds: report.heldForRefunds,
    revenueRecognised: report.revenueRecognised,
    revenueFrom: revenueFrom.toISOString(),
    dormant: { ...report.dormant, days: dormantDays },
    custodyRequired: report.custodyRequired,
    alerts: report.alerts.map(alertView)
  }
}

/**
 * The domain's liabilityReport over grouped rows: member balances summed per member in the
 * database (their latest posting decides dormancy), then per dormant / active; refund holds and
 * revenue summed per side of `revenueFrom`. The domain adds them up and raises the alerts; the
 * dormant figures are the database's (the domain would see one synthetic member per group).
 */
export async function aggregatedLiability(asOf: Date, revenueFrom: Date, limits: LiabilityLimits, dormantBefore: Date): Promise<LiabilityReport> {
  const db = database()
  const _ = db.command
  const $ = _.aggregate
  const memberOf = $.arrayElemAt([$.split(['$entries.account', ':']), 1])
  const amountIf = (kind: string) => $.cond({ if: $.eq(['$entries.kind', kind]), then: '$entries.amount', else: 0 })
  const [members, others] = await Promise.all([
    db
      .collection(C.journal)
      .aggregate()
      .match({ createdAt: _.lt(asOf) })
      .unwind('$entries')
      .match({ 'entries.kind': _.in(['member_principal', 'member_bonus']) })
      .group({ _id: memberOf, principal: $.sum(amountIf('member_principal')), bonus: $.sum(amountIf('member_bonus')), last: $.max('$createdAt') })
      .group({
        _id: $.and([$.lt(['$last', dormantBefore]), $.gt([$.add(['$principal', '$bonus']), 0])]),
        members: $.sum(1),
        principal: $.sum('$principal'),
        bonus: $.sum('$bonus')
      })
      .limit(10)
      .end(),
    db
      .collection(C.journal)
      .aggregate()
      .match({ createdAt: _.lt(asOf) })
      .unwind('$entries')
      .match({ 'entries.kind': _.in(['member_refund_hold', 'store_revenue']) })
      .group({ _id: { kind: '$entries.kind', since: $.gte(['$createdAt', revenueFrom]) }, amount: $.sum('$entries.amount') })
      .limit(10)
      .end()
  ])
  const byDormant = members.list as Array<{ _id: boolean; members: number; principal: number; bonus: number }>
  const sums = others.list as Array<{ _id: { kind: string; since: boolean }; amount: number }>
  const justBefore = new Date(asOf.getTime() - 1)
  const rows: StatementRow[] = [
    {
      _id: 'members',
      kind: 'sum',
      createdAt: justBefore,
      entries: byDormant.flatMap((g) => [
        { account: 'm:all:principal', kind: 'member_principal', amount: g.principal },
        { account: 'm:all:bonus', kind: 'member_bonus', amount: g.bonus }
      ])
    },
    {
      _id: 'others',
      kind: 'sum',
      createdAt: justBefore,
      // revenue before revenueFrom is not this period's; holds count whenever they were posted
      entries: sums.filter((g) => g._id.kind !== 'store_revenue' || g._id.since).map((g) => ({ account: g._id.kind === 'store_revenue' ? 's:all:revenue:0' : 'm:all:refund-hold', kind: g._id.kind, amount: g.amount }))
    }
  ]
  const report = liabilityReport(rows, asOf, revenueFrom, limits)
  const dormant = byDormant.find((g) => g._id === true)
  return { ...report, dormant: { members: dormant?.members ?? 0, principal: fen(dormant?.principal ?? 0), bonus: fen(dormant?.bonus ?? 0) } }
}

function alertView(a: LiabilityReport['alerts'][number]): LiabilityAlertView {
  switch (a.kind) {
    case 'over_revenue_ratio':
      return { ...a, message: `预收余额 ${formatYuan(a.principal)} 超过上年主营收入的规定比例（上限 ${formatYuan(a.limit)}），请暂停发售储值卡并报告主管部门。` }
    case 'custody_short':
      return { ...a, message: `预收资金存管不足：应存管 ${formatYuan(a.required)}，实际 ${formatYuan(a.held)}，请补足存管资金。` }
    case 'balance_warning':
      return { ...a, message: `预收余额 ${formatYuan(a.principal)} 已达到预警线 ${formatYuan(a.level)}，请关注并按当地规定报备。` }
  }
}
