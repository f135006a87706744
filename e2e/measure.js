#!/usr/bin/env node
// H5 home: Largest Contentful Paint and bytes transferred, over three loads in one browser profile
// (load 1 cold, loads 2–3 with the HTTP cache), at 390×844. A figure printer, not a test.
//
//   node e2e/measure.js http://127.0.0.1:<port>     (a running `npm start`)
const fs = require('fs')
const os = require('os')
const path = require('path')
const { chromium } = require('playwright-core')

async function main() {
  const base = process.argv[2]
  if (!base) throw new Error('usage: node e2e/measure.js <base url of npm start>')
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-measure-'))
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 390, height: 844 }
  })
  try {
    for (let load = 1; load <= 3; load++) {
      const page = await ctx.newPage()
      await page.addInitScript(() => {
        window.localStorage.setItem('chuzhi.devOpenid', 'demo-customer')
        window.__lcp = 0
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__lcp = e.startTime
        }).observe({ type: 'largest-contentful-paint', buffered: true })
      })
      const cdp = await ctx.newCDPSession(page)
      await cdp.send('Network.enable')
      let bytes = 0
      let requests = 0
      let fromCache = 0
      cdp.on('Network.loadingFinished', (e) => {
        bytes += e.encodedDataLength
        requests++
      })
      cdp.on('Network.requestServedFromCache', () => fromCache++)
      await page.goto(`${base}/#/pages/index/index`, { waitUntil: 'load' })
      await page.locator('#balance-total >> visible=true').waitFor({ timeout: 30000 })
      await page.waitForTimeout(1000) // LCP settles; late requests finish
      const lcp = await page.evaluate(() => window.__lcp)
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0]
        return { domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) }
      })
      console.log(
        `load ${load}: LCP ${Math.round(lcp)} ms, DOMContentLoaded ${nav.domContentLoaded} ms, load ${nav.load} ms, ` +
          `${requests} responses, ${fromCache} from cache, ${(bytes / 1024).toFixed(1)} KB transferred`
      )
      await page.close()
    }
  } finally {
    await ctx.close()
    fs.rmSync(userDataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
