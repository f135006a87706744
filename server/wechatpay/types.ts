/**
 * Shapes of the WeChat Pay API v3 objects this project reads (wechat-tech.md B.4, B.5).
 * Field names are WeChat's own (snake_case) so that a logged response can be compared with
 * the official documentation line by line. Every amount is integer fen.
 */

export interface PayConfig {
  mchid: string
  appid: string
  /** serial number of the merchant API certificate (商户API证书序列号) */
  merchantSerial: string
  /** merchant API private key, PEM text (apiclient_key.pem) */
  merchantPrivateKey: string
  /** 32-byte APIv3 key, used to decrypt notifications */
  apiv3Key: string
  /**
   * Every key WeChat Pay may sign answers and notifications with, by the serial it names in
   * `Wechatpay-Serial`: the WeChat Pay public key (微信支付公钥) under its `PUB_KEY_ID_…`, platform
   * certificates (平台证书) under their certificate serial. PEM text (public key or certificate).
   * During a switch from certificates to the public key both are here (docs/wechatpay.md).
   */
  platformKeys: Readonly<Record<string, string>>
  /**
   * The WeChat Pay public key's id when the merchant has one. Sent as the request header
   * `Wechatpay-Serial`, which is what makes WeChat Pay sign its answers with the public key.
   */
  publicKeyId: string | null
  baseURL: string
  notifyUrl: string
}

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR'

/**
 * A payment as WeChat reports it: the query-order response and the decrypted
 * TRANSACTION.SUCCESS resource. Fields that WeChat only fills in once the order is paid
 * are optional (an unpaid order has no transaction_id, payer or success_time).
 */
export interface Transaction {
  appid: string
  mchid: string
  out_trade_no: string
  transaction_id?: string
  trade_type?: 'JSAPI' | 'NATIVE' | 'APP' | 'MICROPAY' | 'MWEB' | 'FACEPAY'
  trade_state: TradeState
  trade_state_desc: string
  bank_type?: string
  attach?: string
  /** RFC 3339, e.g. 2018-06-08T10:34:56+08:00 */
  success_time?: string
  payer?: { openid: string }
  amount?: { total?: number; payer_total?: number; currency?: string; payer_currency?: string }
}

export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL'

/** Response of create-refund and query-refund. */
export interface Refund {
  refund_id: string
  out_refund_no: string
  transaction_id: string
  out_trade_no: string
  channel: 'ORIGINAL' | 'BALANCE' | 'OTHER_BALANCE' | 'OTHER_BANKCARD'
  user_received_account: string
  success_time?: string
  create_time: string
  status: RefundStatus
  funds_account?: string
  amount: {
    total: number
    refund: number
    payer_total: number
    payer_refund: number
    settlement_total?: number
    settlement_refund?: number
    discount_refund?: number
    currency: string
    refund_fee?: number
  }
}

/** Decrypted resource of REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED. */
export interface RefundNotice {
  mchid: string
  transaction_id: string
  out_trade_no: string
  refund_id: string
  out_refund_no: string
  refund_status: RefundStatus
  success_time?: string
  user_received_account: string
  amount: { total: number; refund: number; payer_total: number; payer_refund: number }
}

/** An API v3 failure. `code` is WeChat's own code (PARAM_ERROR, ORDER_NOT_EXIST, …) or one of ours. */
export class PayError extends Error {
  constructor(
    /** v3 error code, or 'NETWORK' (no answer), 'BAD_RESPONSE_SIGNATURE' (answer not provably from WeChat), 'BAD_RESPONSE' (signed but not the expected shape) */
    readonly code: string,
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'PayError'
  }
}
