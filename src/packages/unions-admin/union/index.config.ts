export default definePageConfig({
  navigationBarTitleText: '工会信息',
})
