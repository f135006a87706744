import fs from 'fs'
import path from 'path'
import type { CloudMain, FunctionLimits } from '../cloud'
import { functionLimits, limitsFor } from '../../scripts/cloudbaserc'

export const FUNCTIONS_DIR = path.join(__dirname, '..', '..', 'cloudfunctions')

/** Names of the cloud functions: every folder of cloudfunctions/ with a main.ts. */
export function functionNames(): string[] {
  return fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'main.ts')))
    .map((d) => d.name)
}

/**
 * Loads each function as WeChat would run it: the built `index.js` (npm run build:functions)
 * when `built` is true, else the TypeScript source (tests; the same code before bundling).
 */
export function loadFunctions(built: boolean): Record<string, CloudMain> {
  const out: Record<string, CloudMain> = {}
  for (const name of functionNames()) {
    const file = path.join(FUNCTIONS_DIR, name, built ? 'index.js' : 'main.ts')
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build:functions`)
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    out[name] = require(file).main
  }
  return out
}

/**
 * Each function's runtime, timeout and memory as deployed: its cloudbaserc.json entry, else
 * what CloudBase gives a function deployed without one (Nodejs10.15, 3 s), which the local
 * cloud then refuses to run, as that runtime cannot load our bundles.
 */
export function loadLimits(): Record<string, FunctionLimits> {
  const configured = functionLimits()
  return Object.fromEntries(functionNames().map((name) => [name, limitsFor(name, configured)]))
}
