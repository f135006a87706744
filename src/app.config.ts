// Main package: the member pages every customer needs. Everything else lives in subpackages so
// the main package stays under our 500 KB budget (scripts/size.js).
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/recharge/index',
    'pages/wallet/index',
    'pages/wallet-entry/index'
  ],
  subPackages: [
    // 充值结果 follows every payment: preloaded while the member is on 充值 (preloadRule below)
    { root: 'packages/recharge', pages: ['pages/result/index'] },
    { root: 'packages/giftcard', pages: ['pages/index/index'] },
    { root: 'packages/distribution', pages: ['pages/index/index'] },
    { root: 'packages/staff', pages: ['pages/index/index', 'pages/funds/index', 'pages/store-code/index', 'pages/query/index', 'pages/member/index'] },
    // opened from the home page and from a family member's share card
    { root: 'packages/family', pages: ['pages/index/index', 'pages/join/index'] },
    // 买单 opens from a store's QR code: not every member pays in a store
    { root: 'packages/checkout', pages: ['pages/index/index', 'pages/receipt/index'] },
    { root: 'packages/member', pages: ['pages/index/index', 'pages/coupons/index', 'pages/points/index'] },
    { root: 'packages/refund', pages: ['pages/index/index'] }
  ],
  preloadRule: {
    'pages/recharge/index': { network: 'all', packages: ['packages/recharge'] }
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '储值',
    navigationBarTextStyle: 'black'
  }
})
