// npm run deploy's front door: arguments, the env file (PEM paths become PEM text), the dry run
// that needs nothing but the repository, and refusals that list every problem.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { loadEnv, main, parseDeployArgs as parseArgs } from './cli'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-cli-'))
  dirs.push(d)
  return d
}

test('arguments: --dry-run, --env-file and --merchant, in both spellings; anything else is refused', () => {
  expect(parseArgs([])).toEqual({ dryRun: false, diff: false, envFile: '.env.production', merchantFile: null })
  expect(parseArgs(['--dry-run', '--env-file', '.env.staging', '--merchant=shop.json'])).toEqual({ dryRun: true, diff: false, envFile: '.env.staging', merchantFile: 'shop.json' })
  expect(parseArgs(['--diff']).diff).toBe(true)
  expect(() => parseArgs(['--diff', '--dry-run'])).toThrow(/do not go together/)
  expect(() => parseArgs(['--force'])).toThrow(/--force/)
  expect(() => parseArgs(['--env-file'])).toThrow(/--env-file/)
})

test('the env file: a key given as a file path is read into PEM text; a wrong path is a problem', () => {
  const d = tmp()
  fs.writeFileSync(path.join(d, 'apiclient_key.pem'), '-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----\n')
  fs.writeFileSync(path.join(d, 'wechatpay_A1.pem'), '-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n')
  fs.writeFileSync(path.join(d, 'wechatpay_B2.pem'), '-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----\n')
  fs.writeFileSync(
    path.join(d, '.env.production'),
    'ENV_ID=prod-1\nWECHATPAY_MERCHANT_PRIVATE_KEY=apiclient_key.pem\nWECHATPAY_PLATFORM_PUBLIC_KEY=missing.pem\nWECHATPAY_PLATFORM_CERTIFICATES=wechatpay_A1.pem, wechatpay_B2.pem\n'
  )
  const r = loadEnv(path.join(d, '.env.production'))
  expect(r.env.ENV_ID).toBe('prod-1')
  expect(r.env.WECHATPAY_MERCHANT_PRIVATE_KEY).toBe('-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----')
  expect(r.env.WECHATPAY_PLATFORM_CERTIFICATES).toBe(
    '-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----'
  )
  expect(r.problems).toEqual(['WECHATPAY_PLATFORM_PUBLIC_KEY: missing.pem is neither PEM text nor a readable file'])
  expect(loadEnv(path.join(d, 'absent')).found).toBe(false)
})

test('--dry-run with no env file, no credentials and no merchant.json prints the whole plan and exits 0', async () => {
  const lines: string[] = []
  const code = await main(['--dry-run', '--env-file', path.join(tmp(), 'none')], (l) => lines.push(l))
  expect(code).toBe(0)
  expect(lines[0]).toMatch(/^dry run: the plan for environment <ENV_ID>, merchant from merchant(\.example)?\.json/)
  const text = lines.join('\n')
  expect(text).toContain('function cron: Nodejs16.13, timeout 60 s')
  expect(text).toContain('trigger cron.every5min: timer "0 */5 * * * * *"')
  expect(text).toContain('HTTP path /pay/notify → payNotify (身份认证 off)')
  expect(text).toContain('云函数安全规则: {"*":{"invoke":"auth != null"},"payNotify":{"invoke":false},"cron":{"invoke":false}}')
  expect(lines[lines.length - 1]).toBe('dry run: nothing was changed')
})

test('a bad merchant.json refuses even a dry run, listing every problem', async () => {
  const d = tmp()
  const bad = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'merchant.example.json'), 'utf8'))
  bad.plans[0].pay = 0
  bad.plans[1].sort = 'first'
  fs.writeFileSync(path.join(d, 'merchant.json'), JSON.stringify(bad))
  const lines: string[] = []
  expect(await main(['--dry-run', '--merchant', path.join(d, 'merchant.json')], (l) => lines.push(l))).toBe(1)
  expect(lines).toEqual([
    'refused: 2 problems to fix first',
    '  - merchant.json: plans[1].sort: Expected number, received string',
    '  - merchant.json: plans[0] p300: pay must be a positive integer of fen'
  ])
})

test('a real run without credentials is refused before anything is touched', async () => {
  // API keys may come from the shell too: make sure this machine's do not
  const saved = { id: process.env.TENCENTCLOUD_SECRETID, key: process.env.TENCENTCLOUD_SECRETKEY }
  delete process.env.TENCENTCLOUD_SECRETID
  delete process.env.TENCENTCLOUD_SECRETKEY
  try {
    const lines: string[] = []
    expect(await main(['--env-file', path.join(tmp(), 'none'), '--merchant', path.join(__dirname, '..', '..', 'merchant.example.json')], (l) => lines.push(l))).toBe(1)
    expect(lines[0]).toBe('refused: 2 problems to fix first')
    expect(lines[1]).toMatch(/missing ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY$/)
    expect(lines[2]).toMatch(/WeChat Pay is not configured: missing WECHATPAY_MCHID/)
  } finally {
    if (saved.id !== undefined) process.env.TENCENTCLOUD_SECRETID = saved.id
    if (saved.key !== undefined) process.env.TENCENTCLOUD_SECRETKEY = saved.key
  }
})
