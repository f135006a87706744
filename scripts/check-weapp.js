#!/usr/bin/env node
// Offline validation of a weapp build with WeChat's own tools (no network, no real appid).
// Usage: node scripts/check-weapp.js [distDir=dist]
//
//  1. wcc  (official WXML compiler, from miniprogram-compiler): every .wxml + .wxs together,
//     as WeChat compiles them. Catches unclosed tags, bad {{ }} expressions, missing imports.
//  2. wcsc (official WXSS compiler): every .wxss together (app.wxss @imports common.wxss).
//  3. miniprogram-ci getCompiledResult with strict settings (es6, minify*, autoPrefixWXSS):
//     app.json/page existence, JS parse, WXSS parse. `attr` is stubbed with ci.DefaultProjectAttr,
//     which is what makes it work offline; the upload key is a throwaway RSA key.
//  4. miniprogram-ci checkCodeQuality: package-size verdict (fails the run), other hints printed.
//
// Every failure is printed as `FAIL [stage] file:line:col: message` when a location is known.
// Exit 0 = all stages passed, 1 = a check failed, 2 = bad usage / missing build.
// miniprogram-ci leaves a compiler child process running, so the script always exits explicitly.
const fs = require('fs')
const os = require('os')
const path = require('path')
const crypto = require('crypto')
const { spawnSync } = require('child_process')

const root = path.resolve(__dirname, '..')
const BIN = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux')

function listFiles(dir, ext, base = dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'miniprogram_npm') listFiles(full, ext, base, out)
    } else if (e.name.endsWith(ext)) out.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return out.sort()
}

function binary(name) {
  const p = path.join(BIN, name)
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`${name}: only the linux x64 build is wired up here`)
  fs.chmodSync(p, 0o755) // the npm tarball ships them without the exec bit
  return p
}

function run(bin, args, cwd) {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.error) throw r.error
  return { status: r.status, output: `${r.stdout || ''}${r.stderr || ''}`.trim() }
}

/** wcc prints `pages/x/index.wxml:2:81: expect end-tag ...` */
function wccStage(dist, tmp) {
  const wxml = listFiles(dist, '.wxml')
  const wxs = listFiles(dist, '.wxs')
  if (wxml.length === 0) return { failures: ['no .wxml files found'] }
  const r = run(binary('wcc'), ['-d', ...wxml, ...wxs, '-o', path.join(tmp, 'wcc.js')], dist)
  if (r.status === 0) return { info: `${wxml.length} wxml + ${wxs.length} wxs compiled` }
  const lines = r.output.split('\n').filter((l) => /\.(wxml|wxs):\d+:\d+/.test(l))
  return { failures: lines.length ? lines.map((l) => l.replace(/^.*?([\w./@-]+\.(?:wxml|wxs):\d+:\d+)/, '$1')) : [r.output || `wcc exited ${r.status}`] }
}

/** wcsc prints `ERR: pages/x/index.wxss(3:3): unexpected ...` → normalised to file:line:col */
function wcscStage(dist, tmp) {
  const wxss = listFiles(dist, '.wxss')
  if (wxss.length === 0) return { info: 'no .wxss files' }
  const r = run(binary('wcsc'), ['-db', ...wxss, '-o', path.join(tmp, 'wcsc.js')], dist)
  if (r.status === 0) return { info: `${wxss.length} wxss compiled` }
  const lines = r.output
    .split('\n')
    .map((l) => l.replace(/^ERR:\s*/, '').trim())
    .filter((l) => l && !/^error file count/.test(l))
    .map((l) => l.replace(/^([\w./@-]+\.wxss)\((\d+):(\d+)\):/, '$1:$2:$3:'))
  return { failures: lines.length ? lines : [`wcsc exited ${r.status}`] }
}

function makeProject(ci, dist, tmp) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const keyPath = path.join(tmp, 'private.throwaway.key')
  fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }))
  let appid = 'touristappid'
  try {
    appid = JSON.parse(fs.readFileSync(path.join(dist, 'project.config.json'), 'utf8')).appid || appid
  } catch {
    // a dist without project.config.json still compiles; ci only needs some appid
  }
  return new ci.Project({
    appid,
    type: 'miniProgram',
    projectPath: dist,
    privateKeyPath: keyPath,
    ignores: ['node_modules/**/*'],
    // offline: skip the signed round-trip to servicewechat.com for project attributes
    attr: async () => ci.DefaultProjectAttr
  })
}

const STRICT = { es6: true, enhance: true, minify: true, minifyJS: true, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: true }

async function ciCompileStage(ci, project, tmp) {
  try {
    const result = await ci.getCompiledResult({ project, setting: STRICT, onProgressUpdate: () => {} }, path.join(tmp, 'compiled.zip'))
    return { info: `${Object.keys(result).length} files compiled (strict: ${Object.keys(STRICT).join(', ')})` }
  } catch (e) {
    const msg = String((e && (e.message || e.errMsg)) || e).trim()
    return { failures: [msg] }
  }
}

async function ciQualityStage(ci, project) {
  const checks = await ci.checkCodeQuality(project)
  const failures = []
  const notes = []
  for (const c of checks) {
    const detail = c.name === 'PACKAGE_SIZE_LIMIT' ? ` ${JSON.stringify(c.detail)}` : ''
    notes.push(`${c.success ? 'ok  ' : 'hint'} ${c.name}${detail}`)
    // Only the size verdict is a hard rule; the *_COMPRESS_OPEN hints refer to DevTools
    // settings that Taro's own minification makes moot.
    if (c.name === 'PACKAGE_SIZE_LIMIT' && !c.success) failures.push(`package size over WeChat's limit: ${JSON.stringify(c.detail)}`)
  }
  return { info: notes.join('\n                  '), failures }
}

async function main() {
  const dist = path.resolve(process.argv[2] || path.join(root, 'dist'))
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    console.error(`check-weapp: ${dist}/app.json not found; run \`npm run build:weapp\` first`)
    return 2
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-weapp-'))
  // miniprogram-ci leaves an empty md5-named folder in the working directory for every project
  // path it sees; let it do that in our temp dir, not in the repository.
  const cwd = process.cwd()
  process.chdir(tmp)
  const ci = require('miniprogram-ci')
  const project = makeProject(ci, dist, tmp)
  const stages = [
    ['wcc', () => wccStage(dist, tmp)],
    ['wcsc', () => wcscStage(dist, tmp)],
    ['ci-compile', () => ciCompileStage(ci, project, tmp)],
    ['ci-quality', () => ciQualityStage(ci, project)]
  ]
  let failed = 0
  console.log(`check-weapp: ${path.relative(cwd, dist) || '.'}`)
  for (const [name, stage] of stages) {
    const t0 = Date.now()
    let r
    try {
      r = await stage()
    } catch (e) {
      r = { failures: [String((e && e.stack) || e)] }
    }
    const ms = Date.now() - t0
    if (r.failures && r.failures.length) {
      failed += 1
      for (const f of r.failures) console.error(`FAIL [${name}] ${f}`)
    }
    if (!r.failures || !r.failures.length || name === 'ci-quality') {
      const [first, ...rest] = String(r.info || '').split('\n')
      console.log(`${r.failures && r.failures.length ? 'info' : 'ok  '} [${name}] ${first} (${ms} ms)${rest.map((l) => `\n${l}`).join('')}`)
    }
  }
  process.chdir(cwd)
  fs.rmSync(tmp, { recursive: true, force: true })
  console.log(failed ? `check-weapp: ${failed} stage(s) failed` : 'check-weapp: all checks passed')
  return failed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
