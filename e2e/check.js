// The browser check every member page must pass (issue 9): nothing from another origin, no
// English a member would have to read, tap targets of at least 44×44 px, nothing wider than the
// phone, no raw error code. Used by states.e2e.js on every page × state, and proven to catch a
// deliberately broken page by checker.e2e.js.

/** Product names and standard terms that may appear in Latin letters on a member's screen. */
const ALLOWED_WORDS = new Set([
  'WeChat',
  // 一年期贷款市场报价利率（LPR）: the agreement names the official rate by its official abbreviation
  'LPR'
])

/** Every error code the server can send (contracts/result.ts) plus the client's own (src/services/errors.ts). */
const ERROR_CODES = (() => {
  const fs = require('fs')
  const path = require('path')
  const src = fs.readFileSync(path.join(__dirname, '..', 'contracts', 'result.ts'), 'utf8')
  const list = /ERROR_CODES = \[([^\]]*)\]/.exec(src)
  const codes = list ? list[1].match(/'([A-Z_]+)'/g).map((q) => q.slice(1, -1)) : []
  return [...codes, 'NETWORK', 'BAD_RESPONSE', 'PAYMENT_FAILED']
})()

/** The smallest tap target WeChat's design guidance asks for, in CSS px. */
const MIN_TAP = 44

/**
 * Routes every request of `page` through the origin guard: requests to another origin are
 * recorded and aborted (the H5 app must work offline; a mini-program loads only whitelisted
 * domains). `api`, when given, answers `/api/fn/*` calls instead of the server (states).
 */
async function guardOrigin(page, base, api) {
  const external = []
  const origin = new URL(base).origin
  await page.route('**/*', async (route) => {
    const url = route.request().url()
    if (new URL(url).origin !== origin) {
      external.push(url)
      return route.abort()
    }
    if (api && new URL(url).pathname.startsWith('/api/fn/')) return api(route)
    return route.continue()
  })
  return external
}

/** Runs in the page: what a member sees that breaks the rules. Kept free of closures (serialised). */
function inspect({ allowed, minTap, codes }) {
  const problems = []
  const W = document.documentElement.clientWidth
  const isVisible = (el) => {
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0
  }
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : ''
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''
    return `${el.tagName.toLowerCase()}${id}${cls}`
  }

  // 1. text: English words and raw codes
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim()
    if (!text || !n.parentElement || !isVisible(n.parentElement)) continue
    if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(n.parentElement.tagName)) continue
    const raw = (text.match(/[A-Z][A-Z_]+[A-Z]/g) || []).filter((w) => codes.includes(w) || w.includes('_'))
    for (const code of raw) problems.push({ kind: 'raw-code', detail: `"${code}" in "${text.slice(0, 60)}"` })
    // a token with digits in it is a reference (R2026…, 4200…), not a word a member must read
    const words = (text.match(/[A-Za-z0-9_]+/g) || []).filter((t) => !/\d/.test(t)).flatMap((t) => t.match(/[A-Za-z]{2,}/g) || [])
    for (const word of words) {
      if (allowed.includes(word) || raw.some((code) => code.includes(word))) continue
      problems.push({ kind: 'english', detail: `"${word}" in "${text.slice(0, 60)}"` })
    }
  }

  // 2. tap targets: the outermost tappable element is what the finger hits
  const TAPPABLE = 'button, a[href], input, textarea, select, [role=button], [role=checkbox], taro-button-core, taro-input-core, .nut-button, .nut-checkbox'
  const candidates = Array.from(document.querySelectorAll('body *')).filter(
    (el) => isVisible(el) && (el.matches(TAPPABLE) || getComputedStyle(el).cursor === 'pointer')
  )
  const set = new Set(candidates)
  for (const el of candidates) {
    let p = el.parentElement
    let inner = false
    while (p) {
      if (set.has(p)) {
        inner = true
        break
      }
      p = p.parentElement
    }
    if (inner) continue
    const r = el.getBoundingClientRect()
    if (r.width < minTap - 0.5 || r.height < minTap - 0.5) {
      problems.push({ kind: 'tap-target', detail: `${describe(el)} is ${Math.round(r.width)}×${Math.round(r.height)} px ("${(el.textContent || '').trim().slice(0, 20)}")` })
    }
  }

  // 3. horizontal overflow: the document, and any visible element past the right edge
  if (document.documentElement.scrollWidth > W + 1) problems.push({ kind: 'overflow', detail: `document is ${document.documentElement.scrollWidth} px wide, viewport ${W}` })
  let reported = 0
  for (const el of document.querySelectorAll('body *')) {
    if (reported >= 5 || !isVisible(el)) continue
    const r = el.getBoundingClientRect()
    if (r.right > W + 1 || r.left < -1) {
      // inside a horizontally scrolling or clipping box it is not past the screen
      let clipped = false
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX
        if (ox !== 'visible') {
          const pr = p.getBoundingClientRect()
          if (pr.right <= W + 1 && pr.left >= -1) clipped = true
          break
        }
      }
      if (!clipped) {
        problems.push({ kind: 'overflow', detail: `${describe(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} px, viewport ${W}` })
        reported++
      }
    }
  }
  return problems
}

/** All rule violations on the page now: `external` is guardOrigin's list. */
async function checkPage(page, external) {
  const problems = await page.evaluate(inspect, { allowed: [...ALLOWED_WORDS], minTap: MIN_TAP, codes: ERROR_CODES })
  for (const url of external) problems.push({ kind: 'external-request', detail: url })
  return problems
}

module.exports = { guardOrigin, checkPage, ALLOWED_WORDS, MIN_TAP, ERROR_CODES }
