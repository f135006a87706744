// How each cloud function runs, read from cloudbaserc.json (the CloudBase CLI's own file; the
// `deploy` tooling owns its format). Only functions[].name/runtime/timeout/memorySize are read
// here: the local cloud applies them (local/cloud/runtime.ts) and the bundler targets the
// runtime (scripts/build-functions.js). Plain CommonJS so both TypeScript and `node` can load it.
const fs = require('fs')
const path = require('path')

const FILE = path.join(__dirname, '..', 'cloudbaserc.json')

/** The oldest runtime our bundles load on (`??=` and other ES2021 syntax need Node ≥ 15). */
const MIN_RUNTIME = 'Nodejs16.13'

/**
 * What CloudBase gives a function deployed without a config entry (`tcb fn deploy`: Nodejs10.15,
 * 3 s timeout, 256 MB), so a function missing from cloudbaserc.json is run as production would run it.
 */
const PLATFORM_DEFAULT = { runtime: 'Nodejs10.15', timeout: 3, memorySize: 256 }

/** 'Nodejs16.13' → [16, 13]; anything else → null. */
function runtimeVersion(runtime) {
  const m = /^Nodejs(\d+)\.(\d+)$/.exec(String(runtime))
  return m ? [Number(m[1]), Number(m[2])] : null
}

/** Why a runtime cannot run our bundles, or null when it can. */
function runtimeProblem(runtime) {
  const v = runtimeVersion(runtime)
  const min = runtimeVersion(MIN_RUNTIME)
  if (!v) return `runtime "${runtime}" is not a CloudBase Node.js runtime (like ${MIN_RUNTIME})`
  if (v[0] < min[0] || (v[0] === min[0] && v[1] < min[1])) return `runtime ${runtime} is older than ${MIN_RUNTIME}, the oldest our bundles load on`
  return null
}

/** esbuild's target for a runtime: Nodejs18.15 → node18.15. */
function esbuildTarget(runtime) {
  const v = runtimeVersion(runtime)
  if (!v) throw new Error(runtimeProblem(runtime))
  return `node${v[0]}.${v[1]}`
}

/** cloudbaserc.json, parsed: the one place its path is read (scripts/deploy/functions.ts types it). */
function readRc(file = FILE) {
  return JSON.parse(fs.readFileSync(file, 'utf8'))
}

/** How one `functions[]` entry runs: what it states, the platform's default for what it leaves out. */
function entryLimits(f) {
  return {
    runtime: f.runtime || PLATFORM_DEFAULT.runtime,
    timeout: typeof f.timeout === 'number' ? f.timeout : PLATFORM_DEFAULT.timeout,
    memorySize: typeof f.memorySize === 'number' ? f.memorySize : PLATFORM_DEFAULT.memorySize
  }
}

/** name → { runtime, timeout (s), memorySize (MB) }, from cloudbaserc.json (or the given text). */
function functionLimits(text) {
  const rc = text === undefined ? readRc() : JSON.parse(text)
  const out = {}
  for (const f of rc.functions || []) out[f.name] = entryLimits(f)
  return out
}

/** The limits a function runs with: its entry, else the platform's defaults. */
function limitsFor(name, limits = functionLimits()) {
  return limits[name] || PLATFORM_DEFAULT
}

module.exports = { FILE, MIN_RUNTIME, PLATFORM_DEFAULT, readRc, entryLimits, runtimeVersion, runtimeProblem, esbuildTarget, functionLimits, limitsFor }
