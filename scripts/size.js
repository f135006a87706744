#!/usr/bin/env node
// Mini-program package sizes of a weapp build, checked against WeChat's limits and our budget.
// Usage: node scripts/size.js [distDir=dist]
// Main package = every file in dist/ that is not under a subpackage root (roots from dist/app.json).
// project.config.json / project.private.config.json are DevTools settings, not package content.
const fs = require('fs')
const path = require('path')

const KB = 1024
const WECHAT_PACKAGE_LIMIT = 2 * KB * KB // per package (main or sub), WeChat's hard limit
const MAIN_BUDGET = 500 * KB // ours (issue 10): the first screen downloads fast on slow networks; rare pages go to subpackages
const NOT_PACKAGED = new Set(['project.config.json', 'project.private.config.json'])

function walk(dir, base = dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, base, out)
    else out.push({ rel: path.relative(base, full).split(path.sep).join('/'), size: fs.statSync(full).size })
  }
  return out
}

function measure(dist) {
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const roots = (appJson.subPackages || appJson.subpackages || []).map((p) => p.root.replace(/\/?$/, '/'))
  const packages = new Map([['main', { files: 0, bytes: 0 }], ...roots.map((r) => [r, { files: 0, bytes: 0 }])])
  for (const f of walk(dist)) {
    if (NOT_PACKAGED.has(f.rel)) continue
    const owner = roots.find((r) => f.rel.startsWith(r)) || 'main'
    const p = packages.get(owner)
    p.files += 1
    p.bytes += f.size
  }
  return packages
}

function main() {
  const dist = path.resolve(process.argv[2] || 'dist')
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    console.error(`size: ${dist}/app.json not found; run \`npm run build:weapp\` first`)
    process.exit(2)
  }
  const packages = measure(dist)
  const problems = []
  let total = 0
  const rows = []
  for (const [name, p] of packages) {
    total += p.bytes
    const limit = name === 'main' ? Math.min(MAIN_BUDGET, WECHAT_PACKAGE_LIMIT) : WECHAT_PACKAGE_LIMIT
    const ok = p.bytes <= limit
    if (!ok) problems.push(`${name}: ${p.bytes} B > ${limit} B`)
    rows.push([name, p.files, p.bytes, (p.bytes / KB).toFixed(1), (limit / KB).toFixed(0), ((100 * p.bytes) / limit).toFixed(1) + '%', ok ? 'ok' : 'OVER'])
  }
  rows.push(['total', '', total, (total / KB).toFixed(1), '', '', ''])
  const head = ['package', 'files', 'bytes', 'KB', 'limit KB', 'used', '']
  const widths = head.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)))
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')
  console.log(`weapp package sizes (${path.relative(process.cwd(), dist) || '.'})`)
  console.log(line(head))
  for (const r of rows) console.log(line(r))
  if (problems.length) {
    console.error(`size: over the limit: ${problems.join('; ')}`)
    process.exit(1)
  }
}

if (require.main === module) main()
module.exports = { measure, MAIN_BUDGET, WECHAT_PACKAGE_LIMIT }
