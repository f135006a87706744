export default definePageConfig({
  navigationBarTitleText: '家庭共享',
  // the invitation card comes from useShareAppMessage
  enableShareAppMessage: true
})
