export default definePageConfig({
  navigationBarTitleText: '储值查询'
})
