import fs from 'fs'
import os from 'os'
import path from 'path'
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { buildPlan } = require('./start')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { writeStamp, STAMP_FILE } = require('./build-stamp')

// A tiny app tree standing in for the repository: what npm start decides about dist-h5/.
let root: string
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  fs.writeFileSync(path.join(root, rel), text)
}
const plan = (env: Record<string, string | undefined> = {}, argv: string[] = []) => buildPlan(root, env, argv)
/** dist-h5/ as a finished `npm start` build under `env` leaves it. */
const build = (env: Record<string, string | undefined> = {}) => {
  write('dist-h5/index.html', '<!doctype html>')
  writeStamp(path.join(root, 'dist-h5'), plan(env).wanted)
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chuzhi-start-'))
  write('src/app.tsx', 'export default 1')
  write('src/pages/index/index.tsx', 'export default 2')
  write('config/index.ts', 'export default {}')
  write('package-lock.json', '{}')
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('npm start builds the same app whatever the shell sets', () => {
  it('the build runs with NODE_ENV=production even when the shell exports development', () => {
    const p = plan({ NODE_ENV: 'development', PATH: '/usr/bin' })
    expect(p.env.NODE_ENV).toBe('production')
    expect(p.env.PATH).toBe('/usr/bin')
    expect(p.wanted.mode).toBe('production')
  })

  it('a build made by npm start is served, whatever NODE_ENV the next shell has', () => {
    build({ NODE_ENV: 'development' })
    expect(plan({ NODE_ENV: 'development' }).reason).toBeNull()
    expect(plan({ NODE_ENV: 'production' }).reason).toBeNull()
    expect(plan({}).reason).toBeNull()
  })
})

describe('npm start rebuilds when the build it finds was made differently', () => {
  it('a build made under another NODE_ENV (the blank React Refresh app) is rebuilt', () => {
    build()
    const stampFile = path.join(root, 'dist-h5', STAMP_FILE)
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'))
    fs.writeFileSync(stampFile, JSON.stringify({ ...stamp, mode: 'development' }))
    expect(plan().reason).toBe('mode')
  })

  it('a build without a stamp (made by hand, or interrupted) is rebuilt', () => {
    write('dist-h5/index.html', '<!doctype html>')
    expect(plan().reason).toBe('unstamped')
  })

  it('no build at all is a first start', () => {
    expect(plan().reason).toBe('missing')
  })

  it('an edited page, config or lock file makes the build stale', () => {
    for (const rel of ['src/pages/index/index.tsx', 'config/index.ts', 'package-lock.json']) {
      build()
      write(rel, `${fs.readFileSync(path.join(root, rel), 'utf8')}\n// edited`)
      expect([rel, plan().reason]).toEqual([rel, 'inputs'])
    }
  })

  it('a new source file makes the build stale', () => {
    build()
    write('src/pages/new/index.tsx', 'export default 3')
    expect(plan().reason).toBe('inputs')
  })

  it('a changed cloud env id (compiled into the app) makes the build stale', () => {
    build({ TARO_APP_CLOUD_ENV: 'env-a' })
    expect(plan({ TARO_APP_CLOUD_ENV: 'env-a' }).reason).toBeNull()
    expect(plan({ TARO_APP_CLOUD_ENV: 'env-b' }).reason).toBe('inputs')
  })

  it('editing a test beside a page needs no rebuild', () => {
    write('src/pages/index/index.test.tsx', 'test')
    build()
    write('src/pages/index/index.test.tsx', 'test edited')
    expect(plan().reason).toBeNull()
  })

  it('--rebuild rebuilds an up-to-date build', () => {
    build()
    expect(plan({}, ['--rebuild']).reason).toBe('forced')
  })
})
