import { type Fen, fen } from '../money'

/**
 * The WeChat Pay trade bill (交易账单): what `GET /v3/bill/tradebill` points to and
 * `/v3/billdownload/file` returns for one day (wechat-tech.md "download URLs"). Format, as in the
 * public SDKs' fixtures (binarywang WxPayBillResultTest, go-pay TestClientDownloadOriginalTradeBill):
 *
 *   交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,…,订单金额,申请退款金额,费率备注
 *   `2021-01-28 17:07:11,`wx81be…,`1601959334,`0,`,`4200000925…,`S2021…,`ofyak…,`NATIVE,`SUCCESS,…
 *   总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额
 *   `48,`5.76,`1.42,`0.00,`0.01000,`5.76,`1.42
 *
 * Every value starts with a backquote so spreadsheets keep long ids as text; values can contain
 * commas (商品名称, 商户数据包), so a row is split on ",`", never on ",". Amounts are yuan with two
 * decimals and are read as text into fen, never through a float. Columns are found by their
 * header name, so the SUCCESS / REFUND bill types (fewer or more columns) parse too.
 */
export interface BillRow {
  /** 'YYYY-MM-DD HH:mm:ss', Beijing time */
  tradeTime: string
  transactionId: string
  outTradeNo: string
  openid: string
  /** SUCCESS for a payment, REFUND for a refund row (trade_state as WeChat Pay writes it) */
  tradeState: string
  /** 订单金额 (amount.total), or 应结订单金额 where the bill has no 订单金额 column */
  orderTotal: Fen
  /** 应结订单金额: what settles after coupons */
  settlementTotal: Fen
  refundId: string | null
  outRefundNo: string | null
  /** 退款金额: what was refunded */
  refund: Fen
  /** 申请退款金额 (amount.refund as we asked) where the bill has the column, else 退款金额 */
  refundApplied: Fen
  /** SUCCESS, PROCESSING, … for refund rows; '' otherwise */
  refundStatus: string
  attach: string
}

export interface BillSummary {
  count: number
  settlementTotal: Fen
  refundTotal: Fen
}

export interface TradeBill {
  rows: BillRow[]
  summary: BillSummary | null
  /** the rows agree with the summary lines (count and totals); a cut-off download does not */
  complete: boolean
}

export class BillFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BillFormatError'
  }
}

const YUAN = /^(-?)(\d+)(?:\.(\d{1,2}))?$/
/** '5.76' → 576 fen, exactly. An empty cell is 0. */
export function yuanToFen(s: string): Fen {
  if (s === '') return fen(0)
  const m = YUAN.exec(s)
  if (!m) throw new BillFormatError(`not a yuan amount: ${JSON.stringify(s)}`)
  const v = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return fen(m[1] ? -v : v)
}

function cells(line: string): string[] {
  if (!line.startsWith('`')) throw new BillFormatError(`a bill value line starts with a backquote: ${line.slice(0, 40)}`)
  return line.slice(1).split(',`').map((c) => c.trim())
}

const SUMMARY_HEADER = '总交易单数'

export function parseTradeBill(text: string): TradeBill {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '')
  if (lines.length === 0) return { rows: [], summary: null, complete: false }
  const header = lines[0].split(',').map((h) => h.trim())
  if (header[0] !== '交易时间') throw new BillFormatError('a trade bill starts with the 交易时间 header')
  const col = (name: string) => header.indexOf(name)
  const need = (name: string) => {
    const i = col(name)
    if (i < 0) throw new BillFormatError(`the bill has no ${name} column`)
    return i
  }
  const at = {
    time: need('交易时间'),
    tx: need('微信订单号'),
    out: need('商户订单号'),
    openid: col('用户标识'),
    state: need('交易状态'),
    settle: need('应结订单金额'),
    total: col('订单金额'),
    refundId: col('微信退款单号'),
    outRefund: col('商户退款单号'),
    refund: col('退款金额'),
    refundApplied: col('申请退款金额'),
    refundStatus: col('退款状态'),
    attach: col('商户数据包')
  }
  const get = (c: string[], i: number) => (i < 0 ? '' : c[i] ?? '')
  const id = (s: string) => (s === '' || s === '0' ? null : s)
  const rows: BillRow[] = []
  let i = 1
  for (; i < lines.length && !lines[i].startsWith(SUMMARY_HEADER); i++) {
    const c = cells(lines[i])
    if (c.length !== header.length) throw new BillFormatError(`line ${i + 1} has ${c.length} values for ${header.length} columns`)
    const refundApplied = get(c, at.refundApplied)
    rows.push({
      tradeTime: c[at.time],
      transactionId: c[at.tx],
      outTradeNo: c[at.out],
      openid: get(c, at.openid),
      tradeState: c[at.state],
      settlementTotal: yuanToFen(c[at.settle]),
      orderTotal: yuanToFen(at.total < 0 ? c[at.settle] : c[at.total]),
      refundId: id(get(c, at.refundId)),
      outRefundNo: id(get(c, at.outRefund)),
      refund: yuanToFen(get(c, at.refund)),
      refundApplied: yuanToFen(at.refundApplied >= 0 ? refundApplied : get(c, at.refund)),
      refundStatus: get(c, at.refundStatus),
      attach: get(c, at.attach)
    })
  }
  let summary: BillSummary | null = null
  if (i < lines.length) {
    const names = lines[i].split(',').map((h) => h.trim())
    const values = i + 1 < lines.length ? cells(lines[i + 1]) : []
    const v = (name: string) => values[names.indexOf(name)] ?? ''
    if (values.length !== names.length) throw new BillFormatError('the summary line does not match its header')
    if (!/^\d+$/.test(v('总交易单数'))) throw new BillFormatError('the summary has no 总交易单数')
    summary = { count: Number(v('总交易单数')), settlementTotal: yuanToFen(v('应结订单总金额')), refundTotal: yuanToFen(v('退款总金额')) }
  }
  const sum = (f: (r: BillRow) => number) => rows.reduce((s, r) => s + f(r), 0)
  // [unverified] the summary's 应结订单总金额 is taken to cover payment rows and 退款总金额 the 退款金额
  // column; `complete` is advice for the reconciler (act on a bill only when it is whole), not a parse error.
  const complete =
    summary !== null &&
    summary.count === rows.length &&
    summary.settlementTotal === sum((r) => (r.tradeState === 'REFUND' ? 0 : r.settlementTotal)) &&
    summary.refundTotal === sum((r) => r.refund)
  return { rows, summary, complete }
}
