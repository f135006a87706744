/** WeChat Pay API v3 for cloud functions: configuration, client, notification checks. */
export { payConfigFromEnv, payConfigToEnv, readPem, checkPayConfig, DEFAULT_BASE_URL } from './config'
export { createPayClient, signPaymentParams } from './client'
export type { PayClient, JsapiOrder, RefundRequest, RefundTarget, PaymentParams } from './client'
export { verifyNotification, decryptResource, MAX_CLOCK_SKEW_SECONDS, SIGNATURE_PROBE_PREFIX } from './notification'
export type { NotificationCheck, NotificationEvent, NotificationFailure, NotificationBody } from './notification'
export { PayError } from './types'
export type { PayConfig, Transaction, TradeState, Refund, RefundNotice, RefundStatus } from './types'
export { rfc3339Shanghai } from './time'
