#!/usr/bin/env node
// Makes every cloudfunctions/<name>/ deployable as WeChat requires: an index.js exporting
// `main`, bundled from <name>/main.ts with the shared domain/ and server/ code inlined.
// Packages listed in the function's own package.json stay external: WeChat installs them
// on deploy ("上传并部署：云端安装依赖"), and locally they resolve from the root node_modules,
// so the local cloud patches the very same wx-server-sdk the bundle requires.
// Each function's esbuild target comes from its runtime in cloudbaserc.json, and its DevTools
// config.json (timer trigger, permissions.openapi) is written from the same source
// (scripts/deploy/functions.ts), so the CLI path and the DevTools path cannot disagree.
const fs = require('fs')
const path = require('path')
const esbuild = require('esbuild')
require('tsx/cjs')
const { readCloudbaseRc, esbuildTarget, writeConfigFiles } = require('./deploy/functions.ts')

const root = path.join(__dirname, '..', 'cloudfunctions')
const rc = readCloudbaseRc()

function functionNames() {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, 'main.ts')))
    .map((d) => d.name)
}

function runtimeOf(name) {
  const fn = rc.functions.find((f) => f.name === name)
  if (!fn) throw new Error(`cloudfunctions/${name} is not listed in cloudbaserc.json: say how it runs (runtime, timeout, memory)`)
  return fn.runtime
}

async function build(name) {
  const dir = path.join(root, name)
  const target = esbuildTarget(runtimeOf(name))
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const external = Object.keys(pkg.dependencies || {})
  const started = Date.now()
  const result = await esbuild.build({
    entryPoints: [path.join(dir, 'main.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target, // the runtime it is deployed to (cloudbaserc.json)
    format: 'cjs',
    external,
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning'
  })
  const bytes = fs.statSync(path.join(dir, 'index.js')).size
  return { name, bytes, target, ms: Date.now() - started, inputs: Object.keys(result.metafile.inputs).length }
}

async function main() {
  const only = process.argv.slice(2)
  const names = functionNames().filter((n) => !only.length || only.includes(n))
  const missing = rc.functions.map((f) => f.name).filter((n) => !functionNames().includes(n))
  if (missing.length) throw new Error(`cloudbaserc.json lists functions without cloudfunctions/<name>/main.ts: ${missing.join(', ')}`)
  for (const file of writeConfigFiles(rc)) console.log(`${file}  written from cloudbaserc.json`)
  const built = await Promise.all(names.map(build))
  for (const b of built) console.log(`cloudfunctions/${b.name}/index.js  ${(b.bytes / 1024).toFixed(1)} KB  (${b.inputs} modules, ${b.target}, ${b.ms} ms)`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
