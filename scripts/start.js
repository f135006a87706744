#!/usr/bin/env node
// npm start: build what is missing or stale (H5 app, cloud functions), then run the local stack.
// The builds write their output to <data dir>/logs/ and say a few lines of their own; the full
// log is printed only when a build fails. `npm start -- --rebuild` rebuilds the H5 app anyway.
const { spawn } = require('child_process')
const fs = require('fs')
const path = require('path')
const { currentStamp, staleReason, writeStamp, STAMP_FILE } = require('./build-stamp')

const root = path.join(__dirname, '..')
const dataDir = path.resolve(root, process.env.CHUZHI_DATA_DIR ?? '.data')
const logDir = path.join(dataDir, 'logs')
const h5Dir = path.join(root, 'dist-h5')
// The app is always built for production, whatever the shell exports: a development build
// needs the dev server's React Refresh runtime and stays blank when served as files.
const MODE = 'production'
const say = (line) => console.log(`[chuzhi] ${line}`)
const seconds = (ms) => `${Math.round(ms / 1000)} s`

const REASONS = {
  missing: 'first start: building the H5 app',
  unstamped: 'building the H5 app (the one in dist-h5/ was not made by npm start)',
  mode: `rebuilding the H5 app: the one in dist-h5/ was built for another NODE_ENV, not ${MODE}`,
  inputs: 'rebuilding the H5 app: sources or config changed since the last build',
  forced: 'rebuilding the H5 app (--rebuild)'
}
// webpack's persistent cache (config/index.ts, named <NODE_ENV>-<platform>) turns minutes into seconds
const cacheDir = path.join(root, 'node_modules', '.cache', 'webpack', `${MODE}-h5`)
const estimate = () => (fs.existsSync(cacheDir) ? 'under a minute with the build cache' : 'about 2–3 minutes on a small machine')

/** Runs a build step with its output in logs/<name>.log; on failure shows the log's end and exits. */
function quietly(name, args, env) {
  fs.mkdirSync(logDir, { recursive: true })
  const logFile = path.join(logDir, `${name}.log`)
  const out = fs.openSync(logFile, 'w')
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', out, out] })
    // a line now and then so a slow first build does not look stuck
    const ticker = setInterval(() => say(`  … still building (${seconds(Date.now() - started)})`), 30_000)
    let interrupted = false
    const stop = (sig) => {
      interrupted = true
      child.kill(sig)
    }
    process.on('SIGINT', stop).on('SIGTERM', stop)
    child.on('exit', (code, signal) => {
      clearInterval(ticker)
      fs.closeSync(out)
      process.off('SIGINT', stop).off('SIGTERM', stop)
      if (interrupted) process.exit(130)
      if (code === 0) return resolve(Date.now() - started)
      const lines = fs.readFileSync(logFile, 'utf8').split('\n')
      console.error(lines.slice(-80).join('\n'))
      console.error(`[chuzhi] ${name} failed (${signal ?? `exit ${code}`}); the last 80 lines are above, the whole log is ${logFile}`)
      process.exit(1)
    })
  })
}

/**
 * What to do about dist-h5/ under appRoot: the environment the build runs in (the shell's,
 * NODE_ENV forced), the stamp it would carry, and why to rebuild (null: serve what is there).
 */
function buildPlan(appRoot, shellEnv, argv) {
  const env = { ...shellEnv, NODE_ENV: MODE }
  const wanted = currentStamp(appRoot, MODE, env)
  const reason = argv.includes('--rebuild') ? 'forced' : staleReason(path.join(appRoot, 'dist-h5'), wanted)
  return { env, wanted, reason }
}

async function main() {
  const { env, wanted, reason } = buildPlan(root, process.env, process.argv)
  if (reason) {
    say(`${REASONS[reason]}, ${estimate()} (log: ${path.join(logDir, 'build-h5.log')})`)
    fs.rmSync(path.join(h5Dir, STAMP_FILE), { force: true }) // an interrupted build is never taken for a finished one
    const ms = await quietly('build-h5', [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], env)
    writeStamp(h5Dir, wanted)
    say(`H5 app built in ${seconds(ms)}`)
  } else {
    say('H5 app is up to date (dist-h5/)')
  }
  await quietly('build-functions', [path.join(__dirname, 'build-functions.js')], env)
  say('cloud functions built; starting the local stack')

  const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(root, 'local', 'server', 'main.ts')], { cwd: root, stdio: 'inherit' })
  const forward = (sig) => () => child.kill(sig)
  process.on('SIGINT', forward('SIGINT'))
  process.on('SIGTERM', forward('SIGTERM'))
  child.on('exit', (code) => process.exit(code ?? 0))
}

module.exports = { buildPlan, MODE }

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
