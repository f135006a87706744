export default definePageConfig({
  navigationBarTitleText: '储值资金'
})
