// Every cloud function's package.json declares what its bundle imports (scripts/build-functions.js):
// WeChat installs exactly those on deploy; anything else but zod/dayjs inlined is a packaging bug.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkDependencies, dependencyProblems, functionNames } = require('./build-functions.js')

test.each(functionNames() as string[])('cloudfunctions/%s/package.json lists every package its code imports, and only those', async (name) => {
  expect(await checkDependencies(name)).toEqual([])
})

// a metafile as esbuild writes it: our file importing a package from node_modules (inlined) or external
const meta = (imports: { path: string; external?: boolean }[]) => ({
  inputs: {
    'server/checkout/pay.ts': { imports },
    'node_modules/axios/index.js': { imports: [{ path: 'node_modules/form-data/lib/form_data.js' }] }
  }
})

test('a package the code imports but the package.json does not list is a problem that says what to add', () => {
  const problems = dependencyProblems('checkout', { dependencies: { 'wx-server-sdk': '4.0.2' } }, meta([
    { path: 'wx-server-sdk', external: true },
    { path: 'node_modules/wechatpay-axios-plugin/index.js' },
    { path: 'node_modules/zod/lib/index.js' },
    { path: 'crypto', external: true }
  ]))
  expect(problems).toEqual(['cloudfunctions/checkout imports wechatpay-axios-plugin: list it in cloudfunctions/checkout/package.json dependencies ("wechatpay-axios-plugin": "0.9.6")'])
})

test('a listed package nothing imports, and a version other than the root one, are problems', () => {
  const problems = dependencyProblems('wallet', { dependencies: { 'wx-server-sdk': '4.0.1', 'wechatpay-axios-plugin': '0.9.6' } }, meta([{ path: 'wx-server-sdk', external: true }]))
  expect(problems).toEqual([
    'cloudfunctions/wallet/package.json pins wx-server-sdk 4.0.1, the root package.json 4.0.2',
    'cloudfunctions/wallet/package.json lists wechatpay-axios-plugin, which its code does not import'
  ])
})
