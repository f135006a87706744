#!/usr/bin/env node
// Makes every cloudfunctions/<name>/ deployable as WeChat requires: an index.js exporting
// `main`, bundled from <name>/main.ts with the shared domain/ and server/ code inlined.
// Packages listed in the function's own package.json stay external: WeChat installs them
// on deploy ("上传并部署：云端安装依赖"), and locally they resolve from the root node_modules,
// so the local cloud patches the very same wx-server-sdk the bundle requires.
const fs = require('fs')
const path = require('path')
const esbuild = require('esbuild')
// each function's DevTools config.json (timer trigger, permissions.openapi) is written from
// cloudbaserc.json and scripts/deploy/functions.ts, so the DevTools path and the CLI path agree
require('tsx/cjs')
const { writeConfigFiles } = require('./deploy/functions.ts')
const { esbuildTarget, limitsFor, runtimeProblem } = require('./cloudbaserc')

const root = path.join(__dirname, '..', 'cloudfunctions')

function functionNames() {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, 'main.ts')))
    .map((d) => d.name)
}

async function build(name) {
  const dir = path.join(root, name)
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const external = Object.keys(pkg.dependencies || {})
  // the bundle targets the runtime cloudbaserc.json deploys it on; an older one cannot load it
  const { runtime } = limitsFor(name)
  const problem = runtimeProblem(runtime)
  if (problem) throw new Error(`cloudfunctions/${name}: ${problem} (set it in cloudbaserc.json)`)
  const started = Date.now()
  const result = await esbuild.build({
    entryPoints: [path.join(dir, 'main.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: esbuildTarget(runtime),
    format: 'cjs',
    external,
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning'
  })
  const bytes = fs.statSync(path.join(dir, 'index.js')).size
  return { name, runtime, bytes, ms: Date.now() - started, inputs: Object.keys(result.metafile.inputs).length }
}

async function main() {
  const only = process.argv.slice(2)
  const names = functionNames().filter((n) => !only.length || only.includes(n))
  for (const file of writeConfigFiles()) console.log(`${file}  written from cloudbaserc.json`)
  const built = await Promise.all(names.map(build))
  for (const b of built) console.log(`cloudfunctions/${b.name}/index.js  ${(b.bytes / 1024).toFixed(1)} KB  (${b.runtime}, ${b.inputs} modules, ${b.ms} ms)`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
