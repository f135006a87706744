import { createPayClient, payConfigFromEnv, type PayClient, type PayConfig } from './wechatpay'

/**
 * The merchant's WeChat Pay configuration and client, read from the environment once per
 * process (a warm cloud-function instance reuses them). Locally, the stack fills the same
 * variables with the simulator's values.
 */
let cached: { env: string; cfg: PayConfig; client: PayClient } | null = null

function fingerprint(env: NodeJS.ProcessEnv): string {
  return ['MCHID', 'APPID', 'MERCHANT_SERIAL', 'BASE_URL', 'NOTIFY_URL', 'PLATFORM_PUBLIC_KEY_ID', 'PLATFORM_CERTIFICATES']
    .map((k) => env[`WECHATPAY_${k}`] ?? '')
    .join('|')
}

export function pay(): { cfg: PayConfig; client: PayClient } {
  const env = fingerprint(process.env)
  if (!cached || cached.env !== env) {
    const cfg = payConfigFromEnv(process.env)
    cached = { env, cfg, client: createPayClient(cfg) }
  }
  return cached
}
