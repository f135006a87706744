/** Local WeChat Pay API v3 simulator and its development keys. */
export { createSimulator } from './simulator'
export type { Simulator, SimulatorOptions } from './simulator'
export { WECHAT_RETRY_SCHEDULE_MS } from './notifier'
export type { DeliveryAttempt, DeliveryMode, ForgeOptions } from './notifier'
export type { SimOrder, SimRefund } from './ledger'
export {
  ensureDevPayConfig,
  generatePayKeys,
  generateTestPayKeys,
  simulatorKeys,
  payConfigFor,
  DEV_MCHID,
  DEV_APPID
} from './keys'
export type { PayKeys, DevPayConfig } from './keys'
