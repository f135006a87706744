import { handlePayNotification } from '../../server/recharge/notify'
import type { HttpEvent } from '../../server/http'

/**
 * payNotify: WeChat Pay's notify_url, exposed through the cloud function's HTTP access
 * (云函数 HTTP 访问服务). It receives WeChat's request untouched and answers as API v3 requires.
 */
export const main = (event: HttpEvent) => handlePayNotification(event)
