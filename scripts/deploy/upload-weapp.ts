/**
 * npm run upload:weapp [-- --dry-run] [--env-file .env.production] [--version 1.2.0] [--desc "…"] [--no-build]
 *
 * Builds the mini-program for the deployed environment (TARO_APP_CLOUD_ENV = ENV_ID, so the app
 * calls that environment's functions) and uploads dist/ with miniprogram-ci as a development
 * version; submitting it for review stays in the 小程序管理后台. The upload key is the
 * 代码上传密钥 downloaded from 小程序管理后台 → 开发管理 → 开发设置 (with the machine's IP on its
 * whitelist, or the whitelist off).
 */
import { execFileSync, spawnSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { loadEnv, parseFlags } from './cli'
import { ROOT } from './functions'

export interface UploadArgs {
  dryRun: boolean
  envFile: string
  version: string | null
  desc: string | null
  build: boolean
}

export function parseUploadArgs(argv: string[]): UploadArgs {
  const v = parseFlags(argv, {
    'dry-run': { type: 'boolean' },
    'no-build': { type: 'boolean' },
    'env-file': { type: 'string' },
    version: { type: 'string' },
    desc: { type: 'string' }
  })
  return { dryRun: !!v['dry-run'], envFile: v['env-file'] ?? '.env.production', version: v.version ?? null, desc: v.desc ?? null, build: !v['no-build'] }
}

export interface Upload {
  appid: string
  envId: string
  keyFile: string
  version: string
  desc: string
  projectPath: string
  build: boolean
}

/** What the upload would do, or every reason it cannot (a dry run shows placeholders instead). */
export function uploadPlan(args: UploadArgs, env: Record<string, string>, defaults: { version: string; desc: string }): { upload: Upload; problems: string[] } {
  const problems: string[] = []
  const need = (name: string) => {
    const v = env[name]?.trim()
    if (!v) problems.push(`${args.envFile}: missing ${name}`)
    return v || `<${name}>`
  }
  const appid = need('WECHATPAY_APPID')
  const envId = need('ENV_ID')
  const keyFile = need('MP_UPLOAD_KEY')
  if (env.MP_UPLOAD_KEY && !fs.existsSync(path.resolve(path.dirname(path.resolve(ROOT, args.envFile)), env.MP_UPLOAD_KEY))) {
    problems.push(`MP_UPLOAD_KEY: ${env.MP_UPLOAD_KEY} is not a readable file (download 代码上传密钥 from 小程序管理后台 → 开发管理 → 开发设置)`)
  }
  if (env.WECHATPAY_APPID && !/^wx[0-9a-f]{16}$/.test(env.WECHATPAY_APPID)) problems.push(`WECHATPAY_APPID is not a mini-program AppID: ${env.WECHATPAY_APPID}`)
  const version = args.version ?? defaults.version
  if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`version must look like 1.2.3: ${version}`)
  return {
    upload: { appid, envId, keyFile, version, desc: args.desc ?? defaults.desc, projectPath: path.join(ROOT, 'dist'), build: args.build },
    problems
  }
}

export function describeUpload(u: Upload): string[] {
  return [
    ...(u.build ? [`build: taro build --type weapp with TARO_APP_CLOUD_ENV=${u.envId}`] : [`use the existing build in ${path.relative(ROOT, u.projectPath)}/`]),
    `upload: miniprogram-ci upload of ${path.relative(ROOT, u.projectPath)}/ as appid ${u.appid}, version ${u.version}, "${u.desc}", key ${u.keyFile}`,
    'then: 小程序管理后台 → 版本管理: choose the development version as 体验版, or submit it for review'
  ]
}

function gitSubject(): string {
  try {
    return execFileSync('git', ['log', '-1', '--format=%h %s'], { cwd: ROOT, encoding: 'utf8' }).trim().slice(0, 80)
  } catch {
    return 'chuzhi'
  }
}

export async function main(argv: string[], log: (l: string) => void = console.log): Promise<number> {
  const args = parseUploadArgs(argv)
  const envFile = path.resolve(ROOT, args.envFile)
  const { env, found } = loadEnv(envFile)
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const { upload, problems } = uploadPlan(args, env, { version: pkg.version, desc: gitSubject() })
  if (problems.length && !args.dryRun) {
    log(`refused: ${problems.length} problem${problems.length > 1 ? 's' : ''} to fix first`)
    for (const p of problems) log(`  - ${p}`)
    return 1
  }
  log(`${args.dryRun ? 'dry run: ' : ''}upload:weapp with variables from ${args.envFile}${found ? '' : ' (not found)'}`)
  for (const p of args.dryRun ? problems : []) log(`warning: ${p} (a real run refuses)`)
  for (const line of describeUpload(upload)) log(`  ${line}`)
  if (args.dryRun) {
    log('dry run: nothing was built or uploaded')
    return 0
  }
  if (upload.build) {
    const r = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, TARO_APP_CLOUD_ENV: upload.envId, NODE_ENV: 'production' }
    })
    if (r.status !== 0) throw new Error('taro build --type weapp failed')
  }
  if (!fs.existsSync(path.join(upload.projectPath, 'app.json'))) throw new Error(`${upload.projectPath}/app.json missing: build the mini-program first`)
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ci = require('miniprogram-ci')
  const project = new ci.Project({
    appid: upload.appid,
    type: 'miniProgram',
    projectPath: upload.projectPath,
    privateKeyPath: path.resolve(path.dirname(envFile), upload.keyFile),
    ignores: ['node_modules/**/*']
  })
  const result = await ci.upload({ project, version: upload.version, desc: upload.desc, setting: { es6: true, minify: true, autoPrefixWXSS: true }, robot: 1 })
  log(`uploaded ${upload.version}: ${JSON.stringify(result?.subPackageInfo ?? result ?? {})}`)
  return 0
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`upload:weapp failed: ${(err as Error).message}`)
      process.exit(1)
    }
  )
}
