// The member subpackage in the built mini-program: its three pages load and render every node with
// a template. Their wallet actions (member / coupons / points) come with the members backend; until
// that is on main the local cloud refuses them and the pages show the error state with a way back.
const path = require('path')
const h = require('../mp-harness')
const { connectBackend } = require('./backend')

const dist = path.join(__dirname, '../../dist')
let backend

beforeAll(async () => {
  backend = await connectBackend({ openid: 'demo-customer' })
  h.loadApp(dist)
})
afterAll(() => backend.close())

test.each([
  ['packages/member/pages/index/index', 'member', 'member-tier'],
  ['packages/member/pages/coupons/index', 'coupons', 'coupon-list'],
  ['packages/member/pages/points/index', 'points', 'points-balance']
])('%s asks wallet.%s and shows its answer or the error state', async (pagePath, action, contentId) => {
  const page = h.renderPage(dist, pagePath)
  await h.until(() => h.findNode(page, contentId) || h.findNode(page, 'state-error') || h.findNode(page, 'member-empty') || h.findNode(page, 'coupons-empty'), { timeout: 5000 })
  expect(backend.calls.at(-1)).toEqual({ name: 'wallet', event: { action }, openid: 'demo-customer' })
  const answer = await backend.call('wallet', { action })
  // the page shows what the server said: content when it answers, its error otherwise
  if (answer.ok) expect(h.findNode(page, 'state-error')).toBeNull()
  else expect(h.findNode(page, 'state-error')).not.toBeNull()
  expect(h.templateWarnings).toEqual([])
})
