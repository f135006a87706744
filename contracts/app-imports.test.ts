import fs from 'fs'
import path from 'path'

/**
 * The app reads contracts/ as types only: the event schemas are zod, and zod must stay out of
 * the mini-program's main package (scripts/size.js budget). `import type` is erased by the build;
 * a value import would bundle zod and every schema.
 */
const SRC = path.join(__dirname, '..', 'src')

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return files(full)
    return /\.(ts|tsx)$/.test(e.name) ? [full] : []
  })
}

/** `import … from '…/contracts/…'` or `export … from '…/contracts/…'` that is not `import type` / `export type`. */
export function valueImportsOfContracts(source: string): string[] {
  const statement = /(?:^|\n)\s*((import|export)\s+(type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*\{[^}]*\})?)\s*from\s*['"]([^'"]+)['"])/g
  return [...source.matchAll(statement)].filter((m) => !m[3] && m[4].includes('/contracts/')).map((m) => m[1])
}

describe('the app imports contracts as types only', () => {
  it('recognises a value import and accepts a type import', () => {
    expect(valueImportsOfContracts("import { rechargeEvent } from '../../contracts/recharge'")).toHaveLength(1)
    expect(valueImportsOfContracts("import type { RechargeEvent } from '../../contracts/recharge'")).toEqual([])
    expect(valueImportsOfContracts("export type { Fen } from '../contracts/money'")).toEqual([])
  })

  it('no file in src/ imports a value from contracts/', () => {
    const offenders = files(SRC).flatMap((f) => valueImportsOfContracts(fs.readFileSync(f, 'utf8')).map((s) => `${path.relative(SRC, f)}: ${s}`))
    expect(offenders).toEqual([])
  })
})
