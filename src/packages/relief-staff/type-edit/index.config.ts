export default definePageConfig({
  navigationBarTitleText: '救助类型设置',
})
