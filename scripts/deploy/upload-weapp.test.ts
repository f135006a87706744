// npm run upload:weapp: what it would build and upload, and what it refuses without.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { describeUpload, main, parseUploadArgs, uploadPlan } from './upload-weapp'

test('the upload builds for the deployed environment and uploads dist/ with the key and AppID from the env file', () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-weapp-'))
  try {
    fs.writeFileSync(path.join(d, 'private.wx0123456789abcdef.key'), 'KEY')
    const args = parseUploadArgs(['--env-file', path.join(d, '.env.production'), '--version', '1.2.0'])
    const env = { WECHATPAY_APPID: 'wx0123456789abcdef', ENV_ID: 'prod-1', MP_UPLOAD_KEY: 'private.wx0123456789abcdef.key' }
    const { upload, problems } = uploadPlan(args, env, { version: '0.1.0', desc: 'abc123 subject' })
    expect(problems).toEqual([])
    expect(describeUpload(upload).slice(0, 2)).toEqual([
      'build: taro build --type weapp with TARO_APP_CLOUD_ENV=prod-1',
      'upload: miniprogram-ci upload of dist/ as appid wx0123456789abcdef, version 1.2.0, "abc123 subject", key private.wx0123456789abcdef.key'
    ])
  } finally {
    fs.rmSync(d, { recursive: true, force: true })
  }
})

test('missing or wrong settings are all named; a dry run prints them and exits 0, a real run refuses', async () => {
  const args = parseUploadArgs(['--env-file', path.join(os.tmpdir(), 'no-such-env-file'), '--version', 'v2'])
  const { problems } = uploadPlan(args, { WECHATPAY_APPID: 'touristappid' }, { version: '0.1.0', desc: 'x' })
  expect(problems).toEqual([
    `${args.envFile}: missing ENV_ID`,
    `${args.envFile}: missing MP_UPLOAD_KEY`,
    'WECHATPAY_APPID is not a mini-program AppID: touristappid',
    'version must look like 1.2.3: v2'
  ])
  const lines: string[] = []
  expect(await main(['--dry-run', '--env-file', args.envFile], (l) => lines.push(l))).toBe(0)
  expect(lines[lines.length - 1]).toBe('dry run: nothing was built or uploaded')
  expect(await main(['--env-file', args.envFile], () => {})).toBe(1)
})
