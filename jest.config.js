// Two projects: `node` (domain, server, cloud functions, local cloud, all plain TypeScript)
// and `web` (Taro components and pages through React Testing Library in jsdom).
// miniprogram-simulate tests of the built weapp output live in jest.mp.config.js.
const nodeBabel = {
  configFile: false,
  babelrc: false,
  presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript']
}

module.exports = {
  // TZ=Asia/Shanghai where V8 reads it (see the file); server/timezone.test.ts proves it
  globalSetup: '<rootDir>/test/global-setup.js',
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{domain,server,local,cloudfunctions,contracts,scripts}/**/*.test.ts'],
      transform: { '^.+\\.ts$': ['babel-jest', nodeBabel] },
      moduleFileExtensions: ['ts', 'js', 'json'],
      modulePathIgnorePatterns: ['<rootDir>/(dist|dist-h5|mp-dist|\\.data)/'],
      setupFiles: ['<rootDir>/test/node-setup.js'],
      // one WeChat Pay dev key file per run, removed at the end (test/node-global-setup.ts)
      globalSetup: '<rootDir>/test/node-global-setup.ts',
      globalTeardown: '<rootDir>/test/node-global-teardown.ts'
    },
    {
      displayName: 'web',
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'] },
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
      setupFiles: ['<rootDir>/test/web-setup-env.js'],
      setupFilesAfterEnv: ['@testing-library/jest-dom', '<rootDir>/test/web-setup-react-app.js'],
      transform: { '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': 'babel-jest' },
      transformIgnorePatterns: ['/node_modules/(jest-[^/]+|@jest|babel-jest|@babel|core-js|core-js-pure|react|react-dom|scheduler|jsdom|@testing-library)/'],
      moduleFileExtensions: ['h5.ts', 'h5.tsx', 'ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'json'],
      modulePathIgnorePatterns: ['<rootDir>/(dist|dist-h5|mp-dist|\\.data)/'],
      moduleNameMapper: {
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '^@tarojs/taro$': '<rootDir>/test/taro-h5-shim.js',
        '\\.(css|scss|sass|less|styl)$': '<rootDir>/test/style-mock.js',
        // bundled images (src/assets): the build turns them into a URL; tests get the file name
        '\\.(png|jpe?g|gif|svg)$': '<rootDir>/test/web-file-mock.js',
        '^@/(.*)$': '<rootDir>/src/$1'
      }
    }
  ]
}
