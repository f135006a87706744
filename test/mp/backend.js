// Where the mini-program tests get their backend from. The harness routes every
// wx.cloud.callFunction(name, data) to global.__chuzhiCallFunction(name, data); this module
// installs that function.
//
// TODAY: the contract-shaped fake in test/fixtures/backend.js, acting as `openid`.
// TO PLUG IN THE IN-PROCESS LOCAL CLOUD (local/cloud createLocalCloud, as local/server/stack.ts
// uses it): replace the body of `connectBackend` with, roughly,
//   const cloud = createLocalCloud({ file: ':memory:'/tmp file, functions: loadFunctions(false) })
//   await seedDemo()                                              // local/seed.ts
//   const calls = []
//   global.__chuzhiCallFunction = (name, data) => {
//     calls.push({ name, event: data, openid })
//     return cloud.invoke(name, data, { openid, source: 'wx_client' })  // the function's Result
//   }
//   return { calls, close: async () => { delete global.__chuzhiCallFunction /* + close the db */ } }
// (this file is plain JS run untransformed; load the TypeScript side through a small compiled
// bundle or a jest transform for local/). The page assertions that name fake figures (350.00,
// CZTEST0001, …) then need the seeded demo data instead.
const { createFakeBackend } = require('../fixtures/backend')

/**
 * @param {{ openid?: string, fake?: import('../fixtures/backend').FakeBackendOptions }} [opts]
 * @returns {Promise<{ calls: Array<{name: string, event: any}>, close: () => Promise<void> }>}
 */
async function connectBackend({ openid = 'demo-customer', fake } = {}) {
  const backend = createFakeBackend(fake)
  global.__chuzhiCallFunction = (name, data) => backend.call(name, data, openid)
  return { calls: backend.calls, close: async () => { delete global.__chuzhiCallFunction } }
}

module.exports = { connectBackend }
