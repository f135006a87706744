// The subpackages exist in the build; the two placeholders render (the staff desk has staff.test.js).
const fs = require('fs')
const path = require('path')
const h = require('../mp-harness')

const dist = path.join(__dirname, '../../dist')

test('app.json declares the three subpackages', () => {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const subs = app.subPackages || app.subpackages
  expect(subs.map((s) => s.root)).toEqual(['packages/giftcard', 'packages/distribution', 'packages/staff'])
})

test.each([
  ['packages/giftcard/pages/index/index', '礼品卡'],
  ['packages/distribution/pages/index/index', '分销中心']
])('%s renders its title', async (pagePath, title) => {
  if (!global.__taroApp) h.loadApp(dist)
  const page = h.renderPage(dist, pagePath)
  await h.until(() => page.dom.innerHTML.includes(title))
  expect(page.dom.textContent).toContain('这里将')
})
