// Hosts Taro's COMPILED weapp output (dist/) in miniprogram-simulate (j-component + the official
// wcc compiler), so tests run the real mini-program bundle: runtime.js, taro.js, vendors.js,
// common.js, app.js and the page chunks, rendered through base.wxml.
//
// What miniprogram-simulate lacks and this file adds (docs/taro-setup.md §5):
//  * App / getApp / getCurrentPages / Page. Taro pages call Page(createPageConfig(...)); the shim
//    turns that into a Component whose `attached` runs onLoad(query) + onShow.
//  * wx.cloud: init() is a no-op; callFunction({ name, data }) is answered by
//    `global.__chuzhiCallFunction(name, data)`, which a test installs. It must return what the cloud
//    function would return (a Result envelope); throwing makes the call fail like a network error.
//    test/mp/backend.js installs it as an HTTP call to the real local cloud (docs/testing.md).
//  * navigation APIs recorded in `harness.navigations` instead of the simulate no-ops.
//
// Jest gives every test file a fresh module registry and global, so load the app once per file.
const path = require('path')
const simulate = require('miniprogram-simulate') // defines global.Component/Behavior and a mock global.wx

const navigations = []
let nextQuery = {}

// The wxml runtime only warns when a node has no template (e.g. an HTML tag such as NutUI's icon
// <i> without @tarojs/plugin-html): the node silently disappears. Record those so tests can fail.
const templateWarnings = []
const originalWarn = console.warn
console.warn = (...args) => {
  if (/Template `[^`]+` not found/.test(String(args[0]))) templateWarnings.push(String(args[0]))
  originalWarn.apply(console, args)
}

function installCloud() {
  global.wx.cloud = {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init() {},
    callFunction(options) {
      const { name, data, success, fail, complete } = options
      const run = async () => {
        const handler = global.__chuzhiCallFunction
        if (typeof handler !== 'function') throw new Error('global.__chuzhiCallFunction is not installed')
        const result = await handler(name, data)
        return { errMsg: 'cloud.callFunction:ok', result, requestID: `test-${Date.now()}` }
      }
      const p = run().then(
        (res) => {
          success && success(res)
          complete && complete(res)
          return res
        },
        (e) => {
          const err = { errMsg: `cloud.callFunction:fail ${e && e.message ? e.message : e}` }
          fail && fail(err)
          complete && complete(err)
          throw err
        }
      )
      // like wx: with callbacks the promise is not the channel of record
      if (success || fail || complete) p.catch(() => {})
      return p
    }
  }
}

function installNavigation() {
  for (const api of ['navigateTo', 'redirectTo', 'reLaunch', 'switchTab', 'navigateBack']) {
    global.wx[api] = (opts = {}) => {
      navigations.push({ api, url: opts.url, delta: opts.delta })
      const res = { errMsg: `${api}:ok` }
      opts.success && opts.success(res)
      opts.complete && opts.complete(res)
    }
  }
}

function installAppShims() {
  global.App = (cfg) => {
    global.__taroApp = cfg
  }
  global.getApp = () => global.__taroApp
  global.getCurrentPages = () => []
  global.Page = (opts) => {
    const { data, ...rest } = opts
    global.Component({
      data,
      methods: rest,
      lifetimes: {
        attached() {
          const query = nextQuery
          nextQuery = {}
          rest.onLoad && rest.onLoad.call(this, query)
          rest.onShow && rest.onShow.call(this)
        },
        ready() {
          rest.onReady && rest.onReady.call(this)
        }
      }
    })
  }
}

/** Requires dist/app.js (which pulls in runtime, taro, vendors, common) and launches the app. */
function loadApp(dist) {
  installCloud()
  installNavigation()
  installAppShims()
  require(path.join(dist, 'app.js'))
  const app = global.__taroApp
  if (!app) throw new Error(`${dist}/app.js did not call App()`)
  app.onLaunch && app.onLaunch.call(app, { path: 'pages/index/index', query: {}, scene: 1001 })
  app.onShow && app.onShow.call(app, { path: 'pages/index/index', query: {}, scene: 1001 })
  return app
}

/**
 * Renders a page of the build. `query` reaches the page as onLoad options (Taro's router params).
 * One load per page path per test file: jest caches the page chunk, so a second load registers nothing.
 */
function renderPage(dist, pagePath, query = {}) {
  const id = simulate.load(path.join(dist, pagePath), { compiler: 'official', rootPath: dist })
  nextQuery = query
  const page = simulate.render(id)
  if (!page) throw new Error(`${pagePath}: render() returned nothing (page chunk already loaded in this file?)`)
  page.attach(document.createElement('parent-wrapper'))
  return page
}

/** Taro's data tree (page.data.root) node whose React `id` prop is `uid`. */
function findNode(page, uid) {
  const walk = (n) => {
    if (!n || typeof n !== 'object') return null
    if (n.uid === uid) return n
    for (const c of n.cn || []) {
      const hit = walk(c)
      if (hit) return hit
    }
    return null
  }
  return walk(page.data.root)
}

/** All text under a data-tree node, the way it will render. */
function nodeText(node) {
  if (!node) return ''
  if (typeof node.v === 'string') return node.v
  return (node.cn || []).map(nodeText).join('')
}

/** Text of the element with React id `uid` ('' if absent). */
function textById(page, uid) {
  return nodeText(findNode(page, uid)).trim()
}

/** The j-component node with this class (Taro does not render React ids into the wxml DOM). */
function byClass(page, cls, index = 0) {
  const all = page.querySelectorAll(`.${cls}`)
  if (!all[index]) throw new Error(`no element .${cls}[${index}] on the page`)
  return all[index]
}

/** Taps the element with this class and lets the resulting setData render. */
async function tap(page, cls, index = 0) {
  byClass(page, cls, index).dispatchEvent('tap')
  await simulate.sleep(0)
}

/** Resolves once `check()` returns truthy (re-renders happen after async setData). */
async function until(check, { timeout = 3000, step = 20 } = {}) {
  const t0 = Date.now()
  for (;;) {
    const v = check()
    if (v) return v
    if (Date.now() - t0 > timeout) throw new Error(`until: condition not met within ${timeout} ms`)
    await simulate.sleep(step)
  }
}

module.exports = { templateWarnings, simulate, loadApp, renderPage, findNode, nodeText, textById, byClass, tap, until, navigations }
