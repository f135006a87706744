// miniprogram-simulate tests of the BUILT weapp output (dist/, from `npm run build:weapp`).
// Plain jsdom, no transforms: the code under test is Taro's compiled bundle.
module.exports = {
  displayName: 'mp',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/mp/**/*.test.js'],
  transform: {},
  modulePathIgnorePatterns: ['<rootDir>/(dist-h5|mp-dist|\\.data)/'],
  testTimeout: 20000
}
