import fs from 'fs'
import os from 'os'
import path from 'path'
import { ensureDevPayConfig } from '../local/wechatpay-sim/keys'
import { TEST_KEYS_ENV } from './test-keys'

/**
 * Once per jest run (node project): the WeChat Pay dev keys every test stack copies, since RSA
 * key generation is slow. Workers start after this and inherit the variable; teardown removes
 * the directory.
 */
export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-test-keys-'))
  ensureDevPayConfig(dir, 'http://127.0.0.1/api/pay/notify', 'http://127.0.0.1/', {})
  const file = path.join(dir, 'wechatpay-dev.json')
  if (!fs.existsSync(file)) throw new Error(`test keys: ${file} was not written`)
  process.env[TEST_KEYS_ENV] = file
}
