// Jest globalSetup of the mini-program suite: starts the real local cloud (test/mp/stack-server.ts)
// in a child process, waits for its ready line and hands what it prepared to the test files
// through process.env.CHUZHI_MP_BACKEND (workers inherit it) and a copy in the child's temp dir
// (CHUZHI_MP_BACKEND_FILE, a fallback; the child removes it with the dir when it stops).
// globalTeardown (test/mp/global-teardown.js) stops it.
const { spawn } = require('child_process')
const fs = require('fs')
const path = require('path')

const ROOT = path.join(__dirname, '..', '..')
const READY_PREFIX = 'CHUZHI_MP_READY '
const START_TIMEOUT_MS = 60_000

module.exports = async function globalSetup() {
  const env = { ...process.env }
  // no WECHATPAY_* from the shell: the stack must use its own dev keys and simulator
  for (const k of Object.keys(env)) if (k.startsWith('WECHATPAY_')) delete env[k]

  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'stack-server.ts')], {
    cwd: ROOT,
    env,
    // stdin stays open as a lifeline: if jest dies without teardown, the child sees EOF and stops
    stdio: ['pipe', 'pipe', 'inherit']
  })

  const info = await new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => fail(new Error(`the local stack was not ready within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS)
    const fail = (err) => {
      clearTimeout(timer)
      child.kill('SIGTERM')
      reject(err)
    }
    child.on('error', fail)
    child.on('exit', (code, signal) => fail(new Error(`the local stack exited before it was ready (code ${code}, signal ${signal})`)))
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      out += chunk
      const line = out.split('\n').find((l) => l.startsWith(READY_PREFIX))
      if (!line) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolve(JSON.parse(line.slice(READY_PREFIX.length)))
    })
  })

  // the child's later output goes nowhere; do not let it or the pipes keep jest alive
  child.stdout.removeAllListeners('data')
  child.stdout.resume()
  child.stdout.unref?.()
  child.stdin.unref?.()
  child.unref()

  const json = JSON.stringify(info)
  const file = path.join(info.dataDir, 'mp-backend.json')
  fs.writeFileSync(file, json)
  process.env.CHUZHI_MP_BACKEND = json
  process.env.CHUZHI_MP_BACKEND_FILE = file
  globalThis.__chuzhiMpStack = { child }
}
