// Jest globalTeardown of the mini-program suite: stops the local stack globalSetup started and
// waits until it has exited (it closes the database and removes its temp data dir on SIGTERM).
const STOP_TIMEOUT_MS = 5_000

module.exports = async function globalTeardown() {
  const stack = globalThis.__chuzhiMpStack
  if (!stack) return
  delete globalThis.__chuzhiMpStack
  const { child } = stack
  if (child.exitCode !== null || child.signalCode !== null) return
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve()
    }, STOP_TIMEOUT_MS)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
