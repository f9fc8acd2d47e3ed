export default definePageConfig({
  navigationBarTitleText: '福利',
  enablePullDownRefresh: true,
})
