/** Where test/node-global-setup.ts leaves the jest run's one WeChat Pay dev key file. */
export const TEST_KEYS_ENV = 'CHUZHI_TEST_PAY_KEYS'
