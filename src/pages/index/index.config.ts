export default definePageConfig({
  navigationBarTitleText: '会员储值'
})
