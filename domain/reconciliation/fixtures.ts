/** Builds trade-bill text the way WeChat Pay writes it (for tests and the local simulator). */
export const TRADE_BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注'
export const TRADE_BILL_SUMMARY_HEADER = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额'

export interface FixtureRow {
  time?: string
  transactionId: string
  outTradeNo: string
  state: 'SUCCESS' | 'REFUND'
  /** yuan text, e.g. '300.00' */
  total: string
  refundId?: string
  outRefundNo?: string
  refund?: string
  refundStatus?: string
  goods?: string
  /** defaults: the documentation's example merchant and payer */
  appid?: string
  mchid?: string
  openid?: string
  /** 商户数据包 */
  attach?: string
}

const yuan = (s: string) => Math.round(Number(s) * 100) // fixtures only: inputs are two-decimal literals

export function tradeBillText(rows: readonly FixtureRow[], opts: { summary?: boolean; bom?: boolean; crlf?: boolean } = {}): string {
  const nl = opts.crlf ? '\r\n' : '\n'
  const line = (r: FixtureRow) =>
    [
      r.time ?? '2026-11-20 10:00:00',
      r.appid ?? 'wxd678efh567hg6787',
      r.mchid ?? '1230000109',
      '0',
      '',
      r.transactionId,
      r.outTradeNo,
      r.openid ?? 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      'JSAPI',
      r.state,
      'OTHERS',
      'CNY',
      r.state === 'REFUND' ? '0.00' : r.total,
      '0.00',
      r.refundId ?? '0',
      r.outRefundNo ?? '0',
      r.refund ?? '0.00',
      '0.00',
      r.state === 'REFUND' ? 'ORIGINAL' : '',
      r.refundStatus ?? '',
      r.goods ?? '储值充值',
      r.attach ?? '',
      '0.00000',
      '0.60%',
      r.total,
      r.refund ?? '0.00',
      ''
    ]
      .map((v) => '`' + v)
      .join(',')
  const lines = [TRADE_BILL_HEADER, ...rows.map(line)]
  if (opts.summary !== false) {
    const settle = rows.filter((r) => r.state !== 'REFUND').reduce((s, r) => s + yuan(r.total), 0)
    const refund = rows.reduce((s, r) => s + yuan(r.refund ?? '0'), 0)
    const f = (n: number) => (n / 100).toFixed(2)
    lines.push(TRADE_BILL_SUMMARY_HEADER, ['' + rows.length, f(settle), f(refund), '0.00', '0.00000', f(settle), f(refund)].map((v) => '`' + v).join(','))
  }
  return (opts.bom ? '\uFEFF' : '') + lines.join(nl) + nl
}
