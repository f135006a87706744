// What an H5 build was made from, so `npm start` can tell whether the dist-h5/ it finds is the
// build it would make now. A build made under another NODE_ENV (a shell exporting
// NODE_ENV=development once gave an app that stayed blank: React Refresh hooks without their
// runtime) or from other sources is rebuilt instead of served.
const crypto = require('crypto')
const fs = require('fs')
const path = require('path')

const STAMP_FILE = '.chuzhi-build.json'
// Everything the H5 bundle is compiled from: the app, the shared TypeScript it imports,
// the Taro config and the toolchain's own settings and versions.
const INPUT_DIRS = ['src', 'contracts', 'domain', 'config']
const INPUT_FILES = ['package.json', 'package-lock.json', 'babel.config.js', 'tsconfig.json', 'project.config.json']
// Environment the config reads (config/index.ts); NODE_ENV is fixed by the caller.
const INPUT_ENV = ['TARO_APP_CLOUD_ENV', 'CHUZHI_SOURCEMAP']
// Tests beside the pages are not part of the bundle: editing one needs no rebuild.
const NOT_INPUT = /\.test\.[jt]sx?$|(^|\/)__snapshots__\//

function listFiles(dir, root, out) {
  if (!fs.existsSync(dir)) return out
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    const rel = path.relative(root, full).split(path.sep).join('/')
    if (entry.isDirectory()) listFiles(full, root, out)
    else if (entry.isFile() && !NOT_INPUT.test(rel)) out.push(rel)
  }
  return out
}

/** A hash of every input file's path and content, and of the config's environment. */
function inputsHash(root, env = process.env) {
  const files = []
  for (const d of INPUT_DIRS) listFiles(path.join(root, d), root, files)
  for (const f of INPUT_FILES) if (fs.existsSync(path.join(root, f))) files.push(f)
  files.sort()
  const hash = crypto.createHash('sha256')
  for (const rel of files) {
    hash.update(`${rel}\0`)
    hash.update(fs.readFileSync(path.join(root, rel)))
    hash.update('\0')
  }
  for (const k of INPUT_ENV) hash.update(`${k}=${env[k] ?? ''}\0`)
  return hash.digest('hex').slice(0, 16)
}

/** The stamp a build made now would carry. */
function currentStamp(root, mode, env = process.env) {
  return { mode, inputs: inputsHash(root, env) }
}

function readStamp(outDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(outDir, STAMP_FILE), 'utf8'))
  } catch {
    return null
  }
}

function writeStamp(outDir, stamp) {
  fs.writeFileSync(path.join(outDir, STAMP_FILE), JSON.stringify({ ...stamp, builtAt: new Date().toISOString() }, null, 2) + '\n')
}

/**
 * Why the build in outDir cannot be served as is, or null when it can:
 * 'missing' (never built), 'unstamped' (a build that did not finish, or one `npm run build:h5`
 * made by hand under whatever NODE_ENV the shell had), 'mode' (made under another NODE_ENV),
 * 'inputs' (sources or config changed since).
 */
function staleReason(outDir, wanted) {
  if (!fs.existsSync(path.join(outDir, 'index.html'))) return 'missing'
  const found = readStamp(outDir)
  if (!found) return 'unstamped'
  if (found.mode !== wanted.mode) return 'mode'
  if (found.inputs !== wanted.inputs) return 'inputs'
  return null
}

module.exports = { STAMP_FILE, inputsHash, currentStamp, readStamp, writeStamp, staleReason }
