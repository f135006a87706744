#!/usr/bin/env node
// Bytes a phone downloads for the H5 home page, over three loads in one browser profile
// (the first with an empty cache, then two reloads as a returning member would make), and
// the home page's LCP. Usage: node scripts/measure-h5.js http://127.0.0.1:PORT  (a running npm start)
// Figures are written down in docs/frontend.md ("npm start and the local server").
const fs = require('fs')
const os = require('os')
const path = require('path')
const { chromium } = require('playwright-core')

async function main() {
  const base = process.argv[2]
  if (!base) throw new Error('usage: node scripts/measure-h5.js <url of a running npm start>')
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-measure-'))
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 390, height: 844 }
  })
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage())
    const cdp = await ctx.newCDPSession(page)
    await cdp.send('Network.enable')
    let load = null
    cdp.on('Network.responseReceived', (e) => {
      if (load) load.responses.set(e.requestId, { url: e.response.url, status: e.response.status, encoding: e.response.headers['content-encoding'] ?? '' })
    })
    cdp.on('Network.loadingFinished', (e) => {
      if (load) load.bytes.set(e.requestId, e.encodedDataLength)
    })
    const rows = []
    for (let i = 1; i <= 3; i++) {
      load = { responses: new Map(), bytes: new Map() }
      if (i === 1) await page.goto(`${base}/`, { waitUntil: 'networkidle' })
      else await page.reload({ waitUntil: 'networkidle' })
      const lcp = await page.evaluate(
        () =>
          new Promise((resolve) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries()
              resolve(Math.round(entries[entries.length - 1].startTime))
            }).observe({ type: 'largest-contentful-paint', buffered: true })
            setTimeout(() => resolve(null), 3000)
          })
      )
      let total = 0
      let fromNetwork = 0 // answered with a body or a 304 over the wire, not from the browser's cache
      for (const bytes of load.bytes.values()) {
        total += bytes
        if (bytes > 0) fromNetwork++
      }
      rows.push({ load: i, requests: load.bytes.size, fromNetwork, bytes: total, lcpMs: lcp })
      if (process.env.VERBOSE) for (const [id, r] of load.responses) console.log(i, r.status, r.encoding || '-', load.bytes.get(id), r.url)
    }
    console.table(rows)
    console.log(`total over three loads: ${rows.reduce((s, r) => s + r.bytes, 0)} bytes`)
  } finally {
    await ctx.close()
    fs.rmSync(profile, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
