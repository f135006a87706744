/**
 * npm run deploy [-- --dry-run | --diff] [--env-file .env.production] [--merchant merchant.json]
 *
 * Reads cloudbaserc.json, the env file and merchant.json, prints the plan, and (without
 * --dry-run) carries it out against the CloudBase environment. --dry-run needs no credentials
 * and no network; with no merchant.json it plans merchant.example.json (the demo merchant).
 * --diff reads the environment with the credentials and reports what a deploy would change,
 * writing nothing.
 */
import { spawnSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { parseArgs, parseEnv, type ParseArgsConfig } from 'util'
import { execute, readOnly } from './execute'
import { ROOT, readCloudbaseRc } from './functions'
import { describeStep, plan } from './plan'
import { cloudbasePlatform } from './platform'

export interface CliArgs {
  dryRun: boolean
  /** read the environment, report what would change, write nothing */
  diff: boolean
  envFile: string
  merchantFile: string | null
}

/**
 * Node's own argument parser (util.parseArgs), strict: an unknown flag or a missing value is an
 * error that names it. Shared by `deploy` and `upload:weapp`.
 */
export function parseFlags<O extends ParseArgsConfig['options']>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values
  } catch (err) {
    const expected = Object.entries(options ?? {}).map(([k, o]) => `--${k}${(o as { type: string }).type === 'string' ? ' <value>' : ''}`)
    throw new Error(`${(err as Error).message} (expected ${expected.join(', ')})`)
  }
}

export function parseDeployArgs(argv: string[]): CliArgs {
  const v = parseFlags(argv, {
    'dry-run': { type: 'boolean' },
    diff: { type: 'boolean' },
    'env-file': { type: 'string' },
    merchant: { type: 'string' }
  })
  const out: CliArgs = { dryRun: !!v['dry-run'], diff: !!v.diff, envFile: v['env-file'] ?? '.env.production', merchantFile: v.merchant ?? null }
  if (out.dryRun && out.diff) throw new Error('--dry-run and --diff do not go together: --dry-run stays offline, --diff reads the environment')
  return out
}

/**
 * Keys may be given as PEM file paths in the env file (platform certificates as a comma-separated
 * list); the cloud function has no such files, so it is sent the PEM text.
 */
export const PEM_VARIABLES = ['WECHATPAY_MERCHANT_PRIVATE_KEY', 'WECHATPAY_PLATFORM_PUBLIC_KEY', 'WECHATPAY_PLATFORM_CERTIFICATES']

export function loadEnv(file: string): { env: Record<string, string>; problems: string[]; found: boolean } {
  if (!fs.existsSync(file)) return { env: {}, problems: [], found: false }
  const env = { ...parseEnv(fs.readFileSync(file, 'utf8')) } as Record<string, string>
  const problems: string[] = []
  for (const name of PEM_VARIABLES) {
    const v = env[name]?.trim()
    if (!v || v.includes('-----BEGIN')) continue
    const texts: string[] = []
    for (const one of v.split(/[,\n]/).map((x) => x.trim()).filter(Boolean)) {
      const p = path.resolve(path.dirname(file), one)
      if (fs.existsSync(p)) texts.push(fs.readFileSync(p, 'utf8').trim())
      else problems.push(`${name}: ${one} is neither PEM text nor a readable file`)
    }
    env[name] = texts.join('\n')
  }
  return { env, problems, found: true }
}

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const args = parseDeployArgs(argv)
  const rc = readCloudbaseRc()
  const envFile = path.resolve(ROOT, args.envFile)
  const loaded = loadEnv(envFile)
  // API keys may also come from the shell (CI secrets) rather than the file
  for (const k of ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN'])
    if (!loaded.env[k] && process.env[k]) loaded.env[k] = process.env[k] as string

  let merchantFile = path.resolve(ROOT, args.merchantFile ?? 'merchant.json')
  if (!fs.existsSync(merchantFile) && args.dryRun && !args.merchantFile) merchantFile = path.join(ROOT, 'merchant.example.json')
  if (!fs.existsSync(merchantFile)) {
    log(`refused: ${path.relative(ROOT, merchantFile)} not found (copy merchant.example.json and edit it)`)
    return 1
  }
  let merchant: unknown
  try {
    merchant = JSON.parse(fs.readFileSync(merchantFile, 'utf8'))
  } catch (err) {
    log(`refused: ${path.relative(ROOT, merchantFile)} is not JSON: ${(err as Error).message}`)
    return 1
  }

  const p = plan({ rc, env: loaded.env, envFile: args.envFile, dryRun: args.dryRun }, merchant)
  const problems = [...loaded.problems, ...(p.ok ? [] : p.problems)]
  if (problems.length && !(args.dryRun && p.ok)) {
    log(`refused: ${problems.length} problem${problems.length > 1 ? 's' : ''} to fix first`)
    for (const x of problems) log(`  - ${x}`)
    return 1
  }
  if (!p.ok) return 1

  log(`${args.dryRun ? 'dry run: the plan' : args.diff ? 'diff: what a deploy would change (nothing is written)' : 'deploying'} for environment ${p.envId}, merchant from ${path.relative(ROOT, merchantFile)}, variables from ${args.envFile}${loaded.found ? '' : ' (not found)'}`)
  for (const w of [...problems, ...p.warnings]) log(`warning: ${w}`)
  if (args.dryRun) {
    p.steps.forEach((s, i) => log(`${String(i + 1).padStart(3)}. ${describeStep(s)}`))
    log('dry run: nothing was changed')
    return 0
  }

  const platform = cloudbasePlatform({
    envId: p.envId,
    secretId: loaded.env.TENCENTCLOUD_SECRETID,
    secretKey: loaded.env.TENCENTCLOUD_SECRETKEY,
    sessionToken: loaded.env.TENCENTCLOUD_SESSIONTOKEN || undefined,
    functionRoot: path.resolve(ROOT, rc.functionRoot),
    appid: loaded.env.WECHATPAY_APPID,
    appSecret: loaded.env.WX_APPSECRET || undefined
  })
  const results = await execute(args.diff ? readOnly(platform) : platform, p.steps, {
    functionRoot: path.resolve(ROOT, rc.functionRoot),
    build() {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-functions.js')], { stdio: 'inherit' })
      if (r.status !== 0) throw new Error('npm run build:functions failed')
    },
    log
  })
  const changed = results.filter((r) => r.outcome === 'created' || r.outcome === 'updated').length
  const right = results.filter((r) => r.outcome === 'unchanged').length
  log(`${args.diff ? 'diff' : 'done'}: ${changed} change${changed === 1 ? '' : 's'}${args.diff ? ' to make' : ''}, ${right} already right`)
  return 0
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`deploy failed: ${(err as Error).message}`)
      process.exit(1)
    }
  )
}
