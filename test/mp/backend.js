// The backend of the mini-program tests: the real local cloud (test/mp/stack-server.ts, started
// in a child process by test/mp/global-setup.js). The harness routes every
// wx.cloud.callFunction(name, data) to global.__chuzhiCallFunction(name, data); this module
// installs that function as POST <stack>/api/fn/<name> with the caller's openid in X-Openid,
// which is how the local stack stands in for WeChat's identity (the H5 transport does the same).
// Node's http, not fetch: the jsdom environment need not have fetch.
const fs = require('fs')
const http = require('http')

/**
 * What the child prepared (see MpBackendInfo in stack-server.ts): its url, and the members and
 * orders it created through the functions before the tests started.
 */
function backendInfo() {
  const json = process.env.CHUZHI_MP_BACKEND || (process.env.CHUZHI_MP_BACKEND_FILE && fs.readFileSync(process.env.CHUZHI_MP_BACKEND_FILE, 'utf8'))
  if (!json) throw new Error('no local stack: run the mp tests with `npm run test:mp` (jest.mp.config.js starts it in globalSetup)')
  return JSON.parse(json)
}

/** An HTTP request to the stack → { status, body } (body parsed when it is JSON). */
function request(method, base, pathname, payload, headers = {}) {
  const body = payload === undefined ? '' : JSON.stringify(payload)
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(pathname, base),
      {
        method,
        // no keep-alive: an idle pooled socket would outlive the test file
        agent: false,
        headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } : headers
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c) => (text += c))
        res.on('end', () => {
          let parsed = text
          try {
            parsed = JSON.parse(text)
          } catch {
            /* not JSON (a page): keep the text */
          }
          resolve({ status: res.statusCode, body: parsed })
        })
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * Makes the mini-program's cloud calls go to the local stack as `openid`.
 * @param {{ openid?: string }} [opts]
 * @returns {Promise<{
 *   info: any,
 *   calls: Array<{ name: string, event: any, openid: string }>,
 *   call: (name: string, event: any) => Promise<any>,
 *   payerConfirms: (prepayId: string) => Promise<any>,
 *   get: (pathWithQuery: string) => Promise<{ status: number, body: any }>,
 *   close: () => Promise<void>
 * }>}
 */
async function connectBackend({ openid = 'demo-customer' } = {}) {
  const info = backendInfo()
  const calls = []

  /** One function call as `openid` → the function's Result envelope. */
  const call = async (name, event) => {
    const { status, body } = await request('POST', info.url, `/api/fn/${encodeURIComponent(name)}`, event ?? {}, { 'X-Openid': openid })
    // the stack answers every function call with an envelope (200, or 4xx for an unknown or
    // forbidden function); anything else is a transport failure, as wx reports it
    if (!body || typeof body !== 'object' || typeof body.ok !== 'boolean') throw new Error(`HTTP ${status} from the local stack`)
    return body
  }

  global.__chuzhiCallFunction = (name, data) => {
    calls.push({ name, event: data, openid })
    return call(name, data)
  }

  return {
    info,
    calls,
    /** unrecorded call as the same member, for a test's own setup */
    call,
    /** what the simulator's checkout page does when the payer taps 支付 */
    payerConfirms: async (prepayId) => {
      const { status, body } = await request('POST', info.url, '/sim/checkout/pay', { prepay_id: prepayId })
      if (status !== 200 || body.result !== 'paid') throw new Error(`checkout/pay ${status}: ${JSON.stringify(body)}`)
      return body
    },
    /** GET from the stack, e.g. the simulator's checkout page */
    get: (pathWithQuery) => request('GET', info.url, pathWithQuery),
    close: async () => {
      delete global.__chuzhiCallFunction
    }
  }
}

module.exports = { connectBackend, backendInfo }
