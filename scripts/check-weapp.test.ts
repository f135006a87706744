// scripts/check-weapp.js must fail a build whose template WeChat would reject, and say where.
// Self-contained: runs on a tiny native mini-program fixture (scripts/fixtures/weapp-min), not on dist/.
import { spawnSync } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'

const script = path.join(__dirname, 'check-weapp.js')
const fixture = path.join(__dirname, 'fixtures', 'weapp-min')

function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-weapp-test-'))
  fs.cpSync(fixture, dir, { recursive: true })
  return dir
}

function check(dir: string) {
  const r = spawnSync(process.execPath, [script, dir], { encoding: 'utf8', timeout: 120_000 })
  return { status: r.status, output: `${r.stdout}${r.stderr}` }
}

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

test('the intact fixture passes every stage (so a failure below is caused by the breakage)', () => {
  const dir = copyFixture()
  dirs.push(dir)
  const r = check(dir)
  expect(r.output).toContain('ok   [wcc] 1 wxml')
  expect(r.output).toContain('ok   [ci-compile]')
  expect(r.output).toContain('check-weapp: all checks passed')
  expect(r.status).toBe(0)
}, 120_000)

// [what we break, how, where wcc reports it]. miniprogram-ci alone lets the bad expression through.
const breakages: Array<[string, (wxml: string) => string, string]> = [
  ['a bad {{ }} expression', (w) => w.replace('{{count}}', '{{count + }}'), 'pages/index/index.wxml:2:23'],
  ['an unclosed tag', (w) => w.replace('  <text class="count">', '  <text class="oops">unclosed\n  <text class="count">'), 'pages/index/index.wxml:5:3']
]

test.each(breakages)('a .wxml with %s fails with exit 1 and its file:line:col', (_what, breakIt, where) => {
  const dir = copyFixture()
  dirs.push(dir)
  const wxml = path.join(dir, 'pages/index/index.wxml')
  const before = fs.readFileSync(wxml, 'utf8')
  fs.writeFileSync(wxml, breakIt(before))
  expect(fs.readFileSync(wxml, 'utf8')).not.toBe(before)

  const r = check(dir)
  expect(r.status).toBe(1)
  expect(r.output).toContain(`FAIL [wcc] ${where}: `)
  expect(r.output).not.toContain('all checks passed')
}, 120_000)

test('a missing build directory is a usage error (exit 2), not a pass', () => {
  const r = check(path.join(os.tmpdir(), 'no-such-weapp-dist'))
  expect(r.status).toBe(2)
  expect(r.output).toContain('app.json not found')
})
