#!/usr/bin/env node
// npm start: build what is missing (H5 app, cloud functions), then run the local stack.
// `npm start -- --rebuild` rebuilds the H5 app even when dist-h5/ exists.
const { execSync, spawn } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..')
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' })

if (process.argv.includes('--rebuild') || !fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) run('npm run build:h5')
run('npm run build:functions')

const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(root, 'local', 'server', 'main.ts')], { cwd: root, stdio: 'inherit' })
const forward = (sig) => () => child.kill(sig)
process.on('SIGINT', forward('SIGINT'))
process.on('SIGTERM', forward('SIGTERM'))
child.on('exit', (code) => process.exit(code ?? 0))
