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
const rootPackage = require('../package.json')

/**
 * Packages a bundle may carry inline: small pure-JS libraries without dependencies of their own.
 * Anything else a function's code imports (wx-server-sdk, wechatpay-axios-plugin with axios) must
 * be in the function's package.json: WeChat installs it on deploy, and locally it resolves from the
 * root node_modules like every other function's copy. Inlined by accident, it ships a second,
 * unpatched copy (checkout placing WeChat Pay orders without wechatpay-axios-plugin listed did).
 */
const INLINE_OK = new Set(['zod', 'dayjs'])

/** `node_modules/@scope/name/lib/x.js` → `@scope/name` */
function packageOf(file) {
  const rest = file.split('node_modules/').pop()
  const parts = rest.split('/')
  return rest.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

/**
 * What is wrong with a function's package.json given what its bundle reached (esbuild's metafile):
 * a package our code imports that is neither listed nor allowed inline, a listed one nothing imports,
 * or a listed version other than the root package.json's (the one the tests ran against).
 */
function dependencyProblems(name, pkg, metafile) {
  const declared = pkg.dependencies || {}
  const problems = []
  const imported = new Set()
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (file.includes('node_modules/')) continue
    for (const i of input.imports) if (i.path.includes('node_modules/') || (i.external && !i.path.startsWith('node:') && !require('module').isBuiltin(i.path))) imported.add(packageOf(i.path))
  }
  for (const dep of [...imported].sort()) {
    if (!declared[dep] && !INLINE_OK.has(dep)) problems.push(`cloudfunctions/${name} imports ${dep}: list it in cloudfunctions/${name}/package.json dependencies ("${dep}": "${rootPackage.dependencies[dep] ?? '?'}")`)
  }
  for (const [dep, version] of Object.entries(declared)) {
    if (!imported.has(dep)) problems.push(`cloudfunctions/${name}/package.json lists ${dep}, which its code does not import`)
    else if (rootPackage.dependencies[dep] !== version) problems.push(`cloudfunctions/${name}/package.json pins ${dep} ${version}, the root package.json ${rootPackage.dependencies[dep]}`)
  }
  return problems
}

/** esbuild's options for one function (the build, and the dependency check without writing) */
function bundleOptions(name) {
  const dir = path.join(root, name)
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const { runtime } = limitsFor(name)
  return {
    pkg,
    runtime,
    options: {
      entryPoints: [path.join(dir, 'main.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: esbuildTarget(runtime),
      format: 'cjs',
      external: Object.keys(pkg.dependencies || {}),
      sourcemap: 'linked',
      legalComments: 'none',
      metafile: true,
      logLevel: 'warning'
    }
  }
}

/** The dependency problems of one function's bundle, built in memory. */
async function checkDependencies(name) {
  const { pkg, options } = bundleOptions(name)
  const result = await esbuild.build({ ...options, write: false, sourcemap: false })
  return dependencyProblems(name, pkg, result.metafile)
}

function functionNames() {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, 'main.ts')))
    .map((d) => d.name)
}

async function build(name) {
  const dir = path.join(root, name)
  const { pkg, runtime, options } = bundleOptions(name)
  // the bundle targets the runtime cloudbaserc.json deploys it on; an older one cannot load it
  const problem = runtimeProblem(runtime)
  if (problem) throw new Error(`cloudfunctions/${name}: ${problem} (set it in cloudbaserc.json)`)
  const started = Date.now()
  const result = await esbuild.build(options)
  const problems = dependencyProblems(name, pkg, result.metafile)
  if (problems.length) throw new Error(problems.join('\n'))
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

module.exports = { dependencyProblems, checkDependencies, functionNames, INLINE_OK }

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
