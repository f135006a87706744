// The subpackages exist in the build; the two placeholders render (the staff desk has staff.test.js).
const fs = require('fs')
const path = require('path')
const h = require('../mp-harness')

const dist = path.join(__dirname, '../../dist')

test('app.json declares the subpackages', () => {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const subs = app.subPackages || app.subpackages
  expect(subs.map((s) => s.root)).toEqual(['packages/recharge', 'packages/giftcard', 'packages/distribution', 'packages/staff', 'packages/family', 'packages/checkout', 'packages/member', 'packages/refund'])
})

test.each([
  ['packages/giftcard/pages/index/index', '礼品卡'],
  ['packages/distribution/pages/index/index', '佣金']
])('%s says what will be there and has a way home', async (pagePath, topic) => {
  if (!global.__taroApp) h.loadApp(dist)
  const page = h.renderPage(dist, pagePath)
  // the title is WeChat's navigation bar (index.config.ts); the page says what comes
  await h.until(() => page.dom.textContent.includes('这里将'))
  expect(page.dom.textContent).toContain(topic)
  h.navigations.length = 0
  await h.tap(page, 'page-state__button')
  expect(h.navigations).toEqual([{ api: 'reLaunch', url: '/pages/index/index', delta: undefined }])
  expect(h.templateWarnings).toEqual([])
})
