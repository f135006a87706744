// miniprogram-simulate tests of the BUILT weapp output (dist/, from `npm run build:weapp`).
// Plain jsdom, no transforms: the code under test is Taro's compiled bundle. The backend is the
// real local cloud (every cloud function on the seeded demo merchant, the WeChat Pay simulator),
// started once for the run in a child process by globalSetup and stopped by globalTeardown.
module.exports = {
  displayName: 'mp',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/mp/**/*.test.js'],
  transform: {},
  modulePathIgnorePatterns: ['<rootDir>/(dist-h5|mp-dist|\\.data)/'],
  globalSetup: '<rootDir>/test/mp/global-setup.js',
  globalTeardown: '<rootDir>/test/mp/global-teardown.js',
  testTimeout: 20000
}
